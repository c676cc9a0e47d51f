import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RATING_SCALE } from '@marginalia/domain';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('starts with no variables set: port 3000, ./data, the embedded store, the corpus seeded', () => {
    const config = loadConfig({}, '/srv/marginalia');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/marginalia/data',
      eventStore: 'sqlite',
      seedCorpus: true,
      corpusDir: '/srv/marginalia/corpus',
      rateLimitPerMinute: 600,
      eventsStreamHeartbeatMs: 15000,
      eventsStreamMaxPerToken: 4,
      factCheckUrlTemplate: 'http://localhost:3000/fact-checks/{claimId}',
    });
  });

  it('reads every variable of SPEC §7 and §9', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATA_DIR: '/var/lib/marginalia',
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
        AUTH_JWT_SECRET: 'a-secret-of-at-least-thirty-two-bytes!',
        AUTH_JWKS_URL: 'https://sso.example.org/.well-known/jwks.json',
        OIDC_ISSUER_URL: 'https://sso.example.org/',
        OIDC_CLIENT_ID: 'marginalia-console',
        PUBLISHER_NAME: '山西日报',
        PUBLISHER_URL: 'https://factcheck.example.org/',
        SEED_CORPUS: 'false',
        CORPUS_DIR: '/opt/corpus',
        RATE_LIMIT_PER_MINUTE: '120',
        EVENTS_STREAM_HEARTBEAT_MS: '5000',
        EVENTS_STREAM_MAX_PER_TOKEN: '2',
        LOG_ORIGIN: 'factcheck.example.org/log',
        LOG_SIGNING_KEY_FILE: '/run/secrets/log-signing-key',
        CHECKPOINT_INTERVAL_MS: '60000',
        CHECKPOINT_EVERY_EVENTS: '500',
      },
      '/ignored',
    );
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/marginalia',
      eventStore: 'eventstoredb',
      eventStoreConnectionString: 'esdb://localhost:2113?tls=false',
      auth: {
        jwtSecret: 'a-secret-of-at-least-thirty-two-bytes!',
        jwksUrl: 'https://sso.example.org/.well-known/jwks.json',
        oidc: {
          issuerUrl: 'https://sso.example.org/',
          clientId: 'marginalia-console',
          scope: 'openid profile',
        },
      },
      publisher: { name: '山西日报', url: 'https://factcheck.example.org/' },
      factCheckUrlTemplate: 'https://factcheck.example.org/fact-checks/{claimId}',
      seedCorpus: false,
      corpusDir: '/opt/corpus',
      rateLimitPerMinute: 120,
      eventsStreamHeartbeatMs: 5000,
      eventsStreamMaxPerToken: 2,
      ratingScale: DEFAULT_RATING_SCALE,
      log: {
        origin: 'factcheck.example.org/log',
        signingKeyFile: '/run/secrets/log-signing-key',
        checkpointIntervalMs: 60000,
        checkpointEveryEvents: 500,
      },
    });
  });

  it('names the log after the publisher’s host, port included, unless LOG_ORIGIN is set', () => {
    expect(loadConfig({}).log).toEqual({
      origin: 'localhost:3000/marginalia',
      signingKeyFile: undefined,
      checkpointIntervalMs: 10000,
      checkpointEveryEvents: 1000,
    });
    expect(loadConfig({ PORT: '8080' }).log.origin).toBe('localhost:8080/marginalia');
    expect(loadConfig({ PUBLISHER_URL: 'https://news.example:8443/desk' }).log.origin).toBe(
      'news.example:8443/marginalia',
    );
    expect(loadConfig({ LOG_ORIGIN: ' 山西日报/核查 ' }).log.origin).toBe('山西日报/核查');
  });

  it('refuses a LOG_ORIGIN that cannot name a signed-note key', () => {
    for (const bad of [
      'news example/log',
      'news+example/log',
      'news\texample',
      'a\u0007b',
      'a\u3000b',
    ]) {
      expect(() => loadConfig({ LOG_ORIGIN: bad })).toThrow(
        new ConfigError(['LOG_ORIGIN must have no space, no plus sign and no control character']),
      );
    }
  });

  it('reads the checkpoint cadence, whole numbers of at least 1', () => {
    const { log } = loadConfig({ CHECKPOINT_INTERVAL_MS: '200', CHECKPOINT_EVERY_EVENTS: '3' });
    expect(log).toMatchObject({ checkpointIntervalMs: 200, checkpointEveryEvents: 3 });
    for (const bad of ['0', '-5', '1.5', 'often', '1e3']) {
      expect(() => loadConfig({ CHECKPOINT_INTERVAL_MS: bad })).toThrow(
        /CHECKPOINT_INTERVAL_MS must be a whole number of at least 1/,
      );
      expect(() => loadConfig({ CHECKPOINT_EVERY_EVENTS: bad })).toThrow(
        /CHECKPOINT_EVERY_EVENTS must be a whole number of at least 1/,
      );
    }
  });

  it('resolves LOG_SIGNING_KEY_FILE against the working folder, and leaves it unset by default', () => {
    expect(loadConfig({}, '/srv/marginalia').log.signingKeyFile).toBeUndefined();
    expect(
      loadConfig({ LOG_SIGNING_KEY_FILE: 'secrets/log-key' }, '/srv/marginalia').log.signingKeyFile,
    ).toBe('/srv/marginalia/secrets/log-key');
    expect(loadConfig({ LOG_SIGNING_KEY_FILE: '/etc/marginalia/log-key' }).log.signingKeyFile).toBe(
      '/etc/marginalia/log-key',
    );
  });

  it('reports every problem at once', () => {
    const attempt = () =>
      loadConfig({
        PORT: '70000',
        EVENT_STORE: 'postgres',
        AUTH_JWT_SECRET: 'short',
        PUBLISHER_URL: 'ftp://example.org',
        SEED_CORPUS: 'maybe',
        FACTCHECK_URL_TEMPLATE: 'https://example.org/checks',
        RATE_LIMIT_PER_MINUTE: '0',
        EVENTS_STREAM_HEARTBEAT_MS: '5',
        EVENTS_STREAM_MAX_PER_TOKEN: '0',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(9);
    }
  });

  it('reads single sign-on from OIDC_ISSUER_URL and OIDC_CLIENT_ID together, in words when wrong', () => {
    expect(
      loadConfig({
        OIDC_ISSUER_URL: 'https://sso.example.org/realms/newsroom',
        OIDC_CLIENT_ID: 'marginalia-console',
        OIDC_SCOPE: 'openid profile marginalia',
      }).auth.oidc,
    ).toEqual({
      issuerUrl: 'https://sso.example.org/realms/newsroom',
      clientId: 'marginalia-console',
      scope: 'openid profile marginalia',
    });
    expect(loadConfig({}).auth.oidc).toBeUndefined();
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ OIDC_ISSUER_URL: 'https://sso.example.org' })).toEqual([
      'OIDC_ISSUER_URL and OIDC_CLIENT_ID go together: set both or neither',
    ]);
    expect(problems({ OIDC_CLIENT_ID: 'marginalia-console' })).toEqual([
      'OIDC_ISSUER_URL and OIDC_CLIENT_ID go together: set both or neither',
    ]);
    expect(problems({ OIDC_ISSUER_URL: 'sso.example.org', OIDC_CLIENT_ID: 'console' })).toEqual([
      'OIDC_ISSUER_URL must be an http(s) URL, not "sso.example.org"',
    ]);
    expect(problems({ OIDC_ISSUER_URL: 'ftp://sso.example.org', OIDC_CLIENT_ID: '' })).toEqual([
      'OIDC_ISSUER_URL must be an http(s) URL, not "ftp://sso.example.org"',
      'OIDC_ISSUER_URL and OIDC_CLIENT_ID go together: set both or neither',
    ]);
  });

  it('caps event streams per token from 1 to 1000', () => {
    const problems = (value: string) => {
      try {
        loadConfig({ EVENTS_STREAM_MAX_PER_TOKEN: value });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(loadConfig({ EVENTS_STREAM_MAX_PER_TOKEN: '1000' }).eventsStreamMaxPerToken).toBe(1000);
    expect(loadConfig({ EVENTS_STREAM_MAX_PER_TOKEN: '1' }).eventsStreamMaxPerToken).toBe(1);
    for (const bad of ['0', '1001', '-1', '2.5', 'four']) {
      expect(problems(bad)).toEqual([expect.stringContaining('EVENTS_STREAM_MAX_PER_TOKEN')]);
    }
  });

  it('requires a connection string for EventStoreDB', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(
      /EVENTSTORE_CONNECTION_STRING is required/,
    );
  });

  it('reads a newsroom’s rating scale from RATING_SCALE_FILE, and refuses a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-config-'));
    const scale = {
      ratings: [
        { id: 'correct', label: '正确', value: 1 },
        { id: 'wrong', label: '错误', value: 0 },
      ],
      best: 1,
      worst: 0,
    };
    writeFileSync(join(dir, 'scale.json'), JSON.stringify(scale));
    writeFileSync(join(dir, 'bad.json'), '{ "ratings": [] ');
    expect(loadConfig({ RATING_SCALE_FILE: 'scale.json' }, dir).ratingScale).toEqual(scale);
    expect(() => loadConfig({ RATING_SCALE_FILE: 'bad.json' }, dir)).toThrow(
      /RATING_SCALE_FILE bad.json/,
    );
    expect(() => loadConfig({ RATING_SCALE_FILE: 'missing.json' }, dir)).toThrow(
      /RATING_SCALE_FILE missing.json/,
    );
  });
});
