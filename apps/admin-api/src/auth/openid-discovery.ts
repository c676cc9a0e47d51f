import { Logger } from '@nestjs/common';
import {
  createRemoteJWKSet,
  type FlattenedJWSInput,
  type JWTHeaderParameters,
  type KeyLike,
} from 'jose';

/** A key set as jose's `createRemoteJWKSet` answers it: the key for a token's header. */
export type KeySet = (header: JWTHeaderParameters, token: FlattenedJWSInput) => Promise<KeyLike>;

export interface RemoteKeySetOptions {
  /** How long a fetched key set is used before it is fetched again. */
  maxAgeMs: number;
  /** How long a discovery that failed is not tried again: requests are refused meanwhile. */
  discoveryRetryMs?: number;
  /** How long one fetch of the discovery document may take. */
  timeoutMs?: number;
}

/** The provider could not be asked, or answered something that is not its discovery document. */
export class DiscoveryError extends Error {}

/** jose's remote key set, with the timeouts every key set of this server has. */
export function remoteKeySet(url: string, options: RemoteKeySetOptions): KeySet {
  return createRemoteJWKSet(new URL(url), {
    cacheMaxAge: options.maxAgeMs,
    cooldownDuration: 30_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
  });
}

/**
 * The key set of an OpenID provider, found by OpenID Connect Discovery 1.0: its
 * `jwks_uri` read from `<issuer>/.well-known/openid-configuration` at the first RS256 token,
 * not at start, so that a provider that is down when the server starts does not stop it (its
 * tokens are refused until it answers). A discovery that failed is tried again after
 * `discoveryRetryMs`; one that succeeded is kept for the life of the process, and jose
 * refreshes the key set itself.
 */
export function discoveredKeySet(issuer: string, options: RemoteKeySetOptions): KeySet {
  const logger = new Logger('Auth');
  const retryMs = options.discoveryRetryMs ?? 10_000;
  let keySet: Promise<KeySet> | undefined;
  let failure: { at: number; error: DiscoveryError } | undefined;

  return async (header, token) => {
    if (keySet === undefined) {
      if (failure && Date.now() - failure.at < retryMs) throw failure.error;
      keySet = discoverJwksUri(issuer, options.timeoutMs ?? 5_000).then(
        (jwksUri) => {
          failure = undefined;
          logger.log(`OpenID provider ${issuer}: key set at ${jwksUri}`);
          return remoteKeySet(jwksUri, options);
        },
        (error: DiscoveryError) => {
          keySet = undefined;
          failure = { at: Date.now(), error };
          logger.warn(error.message);
          throw error;
        },
      );
    }
    return (await keySet)(header, token);
  };
}

/** The discovery document's URL: the issuer, without its trailing slash, and the well-known path. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

async function discoverJwksUri(issuer: string, timeoutMs: number): Promise<string> {
  const url = discoveryUrl(issuer);
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, {
      headers: { Accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw new DiscoveryError(
      `OpenID discovery at ${url} failed (${(error as Error).message}); RS256 tokens are refused until it answers`,
    );
  }
  // OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer asked.
  if (document.issuer !== issuer) {
    throw new DiscoveryError(
      `OpenID discovery at ${url} names the issuer ${JSON.stringify(document.issuer)}, not OIDC_ISSUER_URL ${JSON.stringify(issuer)}`,
    );
  }
  if (typeof document.jwks_uri !== 'string' || !/^https?:\/\//.test(document.jwks_uri)) {
    throw new DiscoveryError(`OpenID discovery at ${url} gives no http(s) jwks_uri`);
  }
  return document.jwks_uri;
}
