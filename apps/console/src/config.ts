/** What the server tells the console before anyone signs in: `GET /console/config.json`. */
export interface ConsoleConfig {
  /** Single sign-on, when OIDC_ISSUER_URL and OIDC_CLIENT_ID are set. */
  oidc?: { issuer: string; clientId: string; scope: string };
  /**
   * The development tokens the server printed at start, one per role: only in the development
   * default (no AUTH_JWT_SECRET) and only to a browser on the same machine.
   */
  developmentTokens?: Array<{ role: string; sub: string; token: string }>;
  /** The configured rating scale (RATING_SCALE_FILE or SPEC §5's). */
  ratings: Array<{ id: string; label: string; value?: number | null }>;
  publisher: { name: string; url: string };
}

let loaded: Promise<ConsoleConfig> | undefined;

export function consoleConfig(): Promise<ConsoleConfig> {
  loaded ??= fetch('/console/config.json', { cache: 'no-store', credentials: 'omit' }).then(
    async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as ConsoleConfig;
    },
  );
  return loaded;
}
