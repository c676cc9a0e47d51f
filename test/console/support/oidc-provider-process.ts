import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The console's client at the test provider: public, PKCE required. */
export const SSO_CLIENT_ID = 'marginalia-console';

/** The newsroom account the tests sign in with at the provider. */
export const SSO_ACCOUNT = {
  username: 'sso-standards-li',
  password: 'correct horse battery staple',
  name: '李文 Li Wen',
  roles: ['standards_editor'],
};

/** An account the provider knows that has no Marginalia role. */
export const SSO_ACCOUNT_WITHOUT_ROLE = {
  username: 'sso-intern-zhao',
  password: 'another horse battery staple',
  name: '赵实习 Zhao',
  roles: [] as string[],
};

export interface OidcTestProvider {
  /** http://127.0.0.1:<port>, what OIDC_ISSUER_URL is set to. */
  issuer: string;
  /** Registers the console's client with its redirect URI; the provider answers 503 until then. */
  allow(redirectUri: string): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts support/oidc-provider.mjs (a real `oidc-provider`) as a child process and resolves
 * once it listens. It learns the console's redirect URI later (`allow`), so the admin API can
 * be started with the issuer first and the provider told the API's port afterwards.
 */
export async function startOidcProvider(): Promise<OidcTestProvider> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider.mjs')],
    {
      env: {
        PATH: process.env.PATH,
        OIDC_TEST_PROVIDER: JSON.stringify({
          clientId: SSO_CLIENT_ID,
          accounts: Object.fromEntries(
            [SSO_ACCOUNT, SSO_ACCOUNT_WITHOUT_ROLE].map(({ username, ...account }) => [
              username,
              account,
            ]),
          ),
        }),
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const line = async (pattern: RegExp): Promise<RegExpExecArray> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = pattern.exec(output);
      if (found) return found;
      if (!running || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The OpenID provider did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const issuer = (await line(/^issuer (\S+)$/m))[1]!;
  return {
    issuer,
    async allow(redirectUri) {
      child.stdin.write(`${redirectUri}\n`);
      await line(/^ready$/m);
    },
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
