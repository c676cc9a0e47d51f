import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_RATING_SCALE, parseRatingScale, type RatingScale } from '@marginalia/domain';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

/** Everything Marginalia reads from its environment (SPEC §7), read once and validated. */
export interface MarginaliaConfig {
  port: number;
  /** Absolute path of the folder that holds the event log and the read models. */
  dataDir: string;
  eventStore: EventStoreKind;
  eventStoreConnectionString: string | undefined;
  auth: {
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    /**
     * The newsroom's OpenID provider for the console's single sign-on (OIDC_ISSUER_URL and
     * OIDC_CLIENT_ID, not in SPEC §7; both or neither): authorization code with PKCE.
     */
    oidc: { issuerUrl: string; clientId: string; scope: string } | undefined;
  };
  publisher: {
    name: string;
    url: string;
  };
  /** `{claimId}` is replaced by the claim's id. */
  factCheckUrlTemplate: string;
  seedCorpus: boolean;
  /** The corpus folder with manifest.json (not in SPEC §7; defaults to ./corpus). */
  corpusDir: string;
  /** Requests per minute per token (RATE_LIMIT_PER_MINUTE, not in SPEC §7), also the burst. */
  rateLimitPerMinute: number;
  /** A comment line on open event streams this often (EVENTS_STREAM_HEARTBEAT_MS; SPEC: 15 s). */
  eventsStreamHeartbeatMs: number;
  /** Event streams open at once with one token (EVENTS_STREAM_MAX_PER_TOKEN, not in SPEC §7). */
  eventsStreamMaxPerToken: number;
  /** The verdicts' rating scale: RATING_SCALE_FILE (JSON), else SPEC §5's default. */
  ratingScale: RatingScale;
  /** The verifiable log (SPEC §9). */
  log: {
    /** LOG_ORIGIN, default `<host of PUBLISHER_URL>/marginalia`: the checkpoints' first line. */
    origin: string;
    /** LOG_SIGNING_KEY_FILE: a signed-note private key; unset, one is created in DATA_DIR. */
    signingKeyFile: string | undefined;
    /** CHECKPOINT_INTERVAL_MS: at most this long after an append before a checkpoint. */
    checkpointIntervalMs: number;
    /** CHECKPOINT_EVERY_EVENTS: a checkpoint as soon as this many events were appended. */
    checkpointEveryEvents: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from the environment. Every problem is reported at once, so an
 * operator fixes a broken deployment in one pass.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): MarginaliaConfig {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const port = parsePort(text('PORT'), problems);
  const dataDir = text('DATA_DIR') ?? './data';
  const eventStore = parseEventStore(text('EVENT_STORE'), problems);
  const eventStoreConnectionString = text('EVENTSTORE_CONNECTION_STRING');
  if (eventStore === 'eventstoredb' && !eventStoreConnectionString) {
    problems.push('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE is eventstoredb');
  }
  if (eventStoreConnectionString && !/^esdb(\+discover)?:\/\//.test(eventStoreConnectionString)) {
    problems.push('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
  }
  const jwtSecret = text('AUTH_JWT_SECRET');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32) {
    problems.push('AUTH_JWT_SECRET must be at least 32 bytes long for HS256');
  }
  const jwksUrl = parseUrl('AUTH_JWKS_URL', text('AUTH_JWKS_URL'), problems);
  const oidcIssuerUrl = parseUrl('OIDC_ISSUER_URL', text('OIDC_ISSUER_URL'), problems);
  const oidcClientId = text('OIDC_CLIENT_ID');
  // Said of what was set, so that a malformed issuer beside its client id gets one message.
  if ((text('OIDC_ISSUER_URL') === undefined) !== (oidcClientId === undefined)) {
    problems.push('OIDC_ISSUER_URL and OIDC_CLIENT_ID go together: set both or neither');
  }
  const oidc =
    oidcIssuerUrl !== undefined && oidcClientId !== undefined
      ? {
          issuerUrl: oidcIssuerUrl,
          clientId: oidcClientId,
          scope: text('OIDC_SCOPE') ?? 'openid profile',
        }
      : undefined;
  const publisherUrl =
    parseUrl('PUBLISHER_URL', text('PUBLISHER_URL'), problems) ?? `http://localhost:${port}`;
  const factCheckUrlTemplate =
    text('FACTCHECK_URL_TEMPLATE') ?? `${publisherUrl.replace(/\/$/, '')}/fact-checks/{claimId}`;
  if (!factCheckUrlTemplate.includes('{claimId}')) {
    problems.push('FACTCHECK_URL_TEMPLATE must contain {claimId}');
  }
  const seedCorpus = parseBoolean('SEED_CORPUS', text('SEED_CORPUS'), true, problems);
  const corpusDir = text('CORPUS_DIR') ?? './corpus';
  const rateLimitPerMinute = parsePositive(
    'RATE_LIMIT_PER_MINUTE',
    text('RATE_LIMIT_PER_MINUTE'),
    600,
    problems,
  );

  const eventsStreamHeartbeatMs = parsePositive(
    'EVENTS_STREAM_HEARTBEAT_MS',
    text('EVENTS_STREAM_HEARTBEAT_MS'),
    15_000,
    problems,
  );
  if (eventsStreamHeartbeatMs < 100 || eventsStreamHeartbeatMs > 3_600_000) {
    problems.push('EVENTS_STREAM_HEARTBEAT_MS must be from 100 to 3600000 milliseconds');
  }

  const eventsStreamMaxPerToken = parsePositive(
    'EVENTS_STREAM_MAX_PER_TOKEN',
    text('EVENTS_STREAM_MAX_PER_TOKEN'),
    4,
    problems,
  );
  if (eventsStreamMaxPerToken > 1000) {
    problems.push('EVENTS_STREAM_MAX_PER_TOKEN must be from 1 to 1000');
  }

  const ratingScale = readRatingScale(text('RATING_SCALE_FILE'), cwd, problems);

  const logOrigin = text('LOG_ORIGIN') ?? `${new URL(publisherUrl).host}/marginalia`;
  if (/[\p{White_Space}+]/u.test(logOrigin) || /\p{Cc}/u.test(logOrigin)) {
    problems.push('LOG_ORIGIN must have no space, no plus sign and no control character');
  }
  const logSigningKeyFile = text('LOG_SIGNING_KEY_FILE');
  const checkpointIntervalMs = parsePositive(
    'CHECKPOINT_INTERVAL_MS',
    text('CHECKPOINT_INTERVAL_MS'),
    10_000,
    problems,
  );
  const checkpointEveryEvents = parsePositive(
    'CHECKPOINT_EVERY_EVENTS',
    text('CHECKPOINT_EVERY_EVENTS'),
    1_000,
    problems,
  );

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    eventStore,
    eventStoreConnectionString,
    auth: { jwtSecret, jwksUrl, oidc },
    publisher: { name: text('PUBLISHER_NAME') ?? 'Marginalia newsroom', url: publisherUrl },
    factCheckUrlTemplate,
    seedCorpus,
    corpusDir: isAbsolute(corpusDir) ? corpusDir : resolve(cwd, corpusDir),
    rateLimitPerMinute,
    eventsStreamHeartbeatMs,
    eventsStreamMaxPerToken,
    ratingScale,
    log: {
      origin: logOrigin,
      signingKeyFile:
        logSigningKeyFile === undefined
          ? undefined
          : isAbsolute(logSigningKeyFile)
            ? logSigningKeyFile
            : resolve(cwd, logSigningKeyFile),
      checkpointIntervalMs,
      checkpointEveryEvents,
    },
  };
}

function parsePort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, not ${JSON.stringify(value)}`);
    return 3000;
  }
  return port;
}

function parsePositive(
  name: string,
  value: string | undefined,
  fallback: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  if (/^[1-9]\d{0,8}$/.test(value)) return Number(value);
  problems.push(`${name} must be a whole number of at least 1, not ${JSON.stringify(value)}`);
  return fallback;
}

function parseEventStore(value: string | undefined, problems: string[]): EventStoreKind {
  if (value === undefined || value === 'sqlite') return 'sqlite';
  if (value === 'eventstoredb') return 'eventstoredb';
  problems.push(`EVENT_STORE must be sqlite or eventstoredb, not ${JSON.stringify(value)}`);
  return 'sqlite';
}

function parseUrl(name: string, value: string | undefined, problems: string[]) {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  problems.push(`${name} must be an http(s) URL, not ${JSON.stringify(value)}`);
  return undefined;
}

function parseBoolean(
  name: string,
  value: string | undefined,
  fallback: boolean,
  problems: string[],
): boolean {
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  problems.push(`${name} must be true or false, not ${JSON.stringify(value)}`);
  return fallback;
}

function readRatingScale(file: string | undefined, cwd: string, problems: string[]): RatingScale {
  if (file === undefined) return DEFAULT_RATING_SCALE;
  try {
    return parseRatingScale(JSON.parse(readFileSync(resolve(cwd, file), 'utf8')));
  } catch (error) {
    problems.push(`RATING_SCALE_FILE ${file}: ${(error as Error).message}`);
    return DEFAULT_RATING_SCALE;
  }
}
