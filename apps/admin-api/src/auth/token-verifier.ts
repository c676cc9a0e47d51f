import { HttpStatus } from '@nestjs/common';
import {
  errors,
  type FlattenedJWSInput,
  type JWTHeaderParameters,
  type JWTPayload,
  jwtVerify,
  type KeyLike,
} from 'jose';
import { type Actor, ROLES, type Role, SYSTEM_ACTOR } from '@marginalia/domain';
import { ProblemException } from '@marginalia/http';
import { discoveredKeySet, type KeySet, remoteKeySet } from './openid-discovery';

export interface TokenVerifierOptions {
  /** HS256 secret (AUTH_JWT_SECRET or the development secret); undefined disables HS256. */
  hs256Secret?: string;
  /** RS256 through the newsroom's key set (AUTH_JWKS_URL), fetched and cached by jose. */
  jwksUrl?: string;
  /**
   * The newsroom's OpenID provider (OIDC_ISSUER_URL). Without `jwksUrl`, its key set is found
   * by discovery, and an RS256 token must name it as its `iss`; `jwksUrl` takes precedence.
   */
  oidcIssuer?: string;
  /** How long a failed discovery of `oidcIssuer` is not tried again; 10 seconds by default. */
  discoveryRetryMs?: number;
  /** How long a fetched key set is used before it is fetched again; 10 minutes by default. */
  jwksMaxAgeMs?: number;
  /** How many verified tokens are remembered (see `TokenVerifier`); 0 remembers none. */
  cacheSize?: number;
  /** The clock, in milliseconds since the epoch. */
  now?: () => number;
}

/** Accepted clock skew between the token's issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Verified tokens remembered by default: far more than a newsroom's users have at once. */
export const VERIFIED_TOKENS_REMEMBERED = 1000;

type VerificationKey = Uint8Array | KeyLike;

/** A token that passed every check, and what its checks depended on besides its own text. */
interface VerifiedToken {
  actor: Actor;
  exp: number;
  nbf: number | undefined;
  /** The token's header and input as jose gave them to `keyFor`, and the key it answered. */
  header: JWTHeaderParameters;
  input: FlattenedJWSInput;
  key: VerificationKey;
}

/**
 * Bearer tokens to actors (SPEC §1). HS256 with the secret and RS256 through the JWKS (given, or
 * found by OpenID discovery), nothing else (`alg: none` included); `sub`, `roles` of known role
 * names, and `exp` are required.
 *
 * A token that passed is remembered, by its exact text, for the next requests that bring it
 * (at most `cacheSize` tokens, the least recently used forgotten first): what was checked of
 * its text (signature, algorithm, claims, roles) cannot change, so only what can is checked
 * again: `exp` and `nbf` against the clock, as jose checks them, and the key. The HS256 secret
 * is fixed for the process; an RS256 token's key is looked up again in the key set (which
 * jose fetches again once it is older than `jwksMaxAgeMs`), and a key set fetched since, or
 * one without the key, sends the token through the whole verification again. Refusals are
 * never remembered.
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: KeySet | undefined;
  /** The issuer an RS256 token must name, when its key set was found by discovery. */
  private readonly issuer: string | undefined;
  private readonly algorithms: string[];
  private readonly now: () => number;
  private readonly cacheSize: number;
  /** In order of use, the least recently used first. */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(options: TokenVerifierOptions) {
    this.secret =
      options.hs256Secret === undefined ? undefined : new TextEncoder().encode(options.hs256Secret);
    const keySetOptions = {
      maxAgeMs: options.jwksMaxAgeMs ?? 10 * 60_000,
      discoveryRetryMs: options.discoveryRetryMs,
    };
    if (options.jwksUrl !== undefined) {
      this.jwks = remoteKeySet(options.jwksUrl, keySetOptions);
    } else if (options.oidcIssuer !== undefined) {
      this.jwks = discoveredKeySet(options.oidcIssuer, keySetOptions);
      this.issuer = options.oidcIssuer;
    }
    this.algorithms = [...(this.secret ? ['HS256'] : []), ...(this.jwks ? ['RS256'] : [])];
    this.now = options.now ?? Date.now;
    this.cacheSize = options.cacheSize ?? VERIFIED_TOKENS_REMEMBERED;
  }

  /** How many verified tokens are remembered now. */
  get remembered(): number {
    return this.verified.size;
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    const token = /^Bearer +([A-Za-z0-9_.~+/-]+=*) *$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) throw unauthenticated('Authorization: Bearer <token> is required');
    const known = this.verified.get(token);
    if (known !== undefined) {
      this.verified.delete(token);
      if (await this.stillValid(known)) {
        this.verified.set(token, known);
        return copyOf(known.actor);
      }
    }
    return this.verifyInFull(token);
  }

  private async verifyInFull(token: string): Promise<Actor> {
    let used: Pick<VerifiedToken, 'header' | 'input' | 'key'> | undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header, input) => {
          const key = this.keyFor(header, input);
          if (!(key instanceof Promise)) {
            used = { header, input, key };
            return key;
          }
          return key.then((resolved) => {
            used = { header, input, key: resolved };
            return resolved;
          });
        },
        {
          algorithms: this.algorithms,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: new Date(this.now()),
        },
      ));
    } catch (error) {
      throw refusalOf(error);
    }
    // A provider's keys may sign for other issuers too (a multi-tenant one's do).
    if (used?.header.alg === 'RS256' && this.issuer !== undefined && payload.iss !== this.issuer) {
      throw unauthenticated('The token’s iss claim is not the single sign-on’s issuer');
    }
    const actor = actorOf(payload);
    // jose has checked that `exp` is a number, and `nbf` when present.
    if (used !== undefined && this.cacheSize > 0) {
      this.remember(token, { actor, exp: payload.exp!, nbf: payload.nbf, ...used });
    }
    return copyOf(actor);
  }

  /**
   * Whether a remembered token would pass again now: its time claims as jose checks them,
   * and the key its kind of signature is verified with now. A key that cannot be looked up
   * (the key set cannot be fetched) is the refusal the whole verification would give.
   */
  private async stillValid(known: VerifiedToken): Promise<boolean> {
    const now = Math.floor(this.now() / 1000);
    if (known.exp <= now - CLOCK_TOLERANCE_SECONDS) return false;
    if (known.nbf !== undefined && known.nbf > now + CLOCK_TOLERANCE_SECONDS) return false;
    let key: VerificationKey;
    try {
      key = await this.keyFor(known.header, known.input);
    } catch (error) {
      throw refusalOf(error);
    }
    return key === known.key;
  }

  private remember(token: string, verified: VerifiedToken): void {
    this.verified.delete(token);
    this.verified.set(token, verified);
    while (this.verified.size > this.cacheSize) {
      const oldest = this.verified.keys().next().value as string;
      this.verified.delete(oldest);
    }
  }

  private keyFor(
    header: JWTHeaderParameters,
    token: FlattenedJWSInput,
  ): VerificationKey | Promise<KeyLike> {
    if (header.alg === 'HS256' && this.secret) return this.secret;
    if (header.alg === 'RS256' && this.jwks) return this.jwks(header, token);
    throw new errors.JOSEAlgNotAllowed(`${header.alg} tokens are not accepted`);
  }
}

/** A fresh actor per request, as each verification gave one: no request shares another's. */
function copyOf(actor: Actor): Actor {
  return { ...actor, roles: [...actor.roles] };
}

function actorOf(payload: JWTPayload): Actor {
  const { sub, roles, name } = payload;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 256) {
    throw unauthenticated('The token has no usable sub');
  }
  if (sub === SYSTEM_ACTOR.sub) {
    throw unauthenticated('The sub "system" is reserved for the process managers');
  }
  if (!Array.isArray(roles) || roles.length === 0) {
    throw unauthenticated('The token has no roles');
  }
  const unknown = roles.filter((role) => !(ROLES as readonly unknown[]).includes(role));
  if (unknown.length > 0) {
    throw unauthenticated(`The token has unknown roles: ${unknown.map(String).join(', ')}`);
  }
  if (name !== undefined && typeof name !== 'string') {
    throw unauthenticated('The token’s name is not a string');
  }
  return { sub, roles: [...new Set(roles as Role[])], ...(name ? { name } : {}) };
}

function refusalOf(error: unknown): ProblemException {
  if (error instanceof errors.JWTExpired) return unauthenticated('The token has expired');
  if (keySetUnavailable(error)) {
    return new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'authentication_unavailable',
      'The single sign-on’s key set (AUTH_JWKS_URL, or found through OIDC_ISSUER_URL) cannot be read; try again shortly',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(`The token's ${error.claim} claim is not valid: ${error.reason}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthenticated('The token is not signed with HS256 or RS256 as this server expects');
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWSSignatureVerificationFailed
  ) {
    return unauthenticated('The token is not signed with a key this server trusts');
  }
  return unauthenticated('The token is malformed');
}

/** The key set could not be fetched or read: the token may be fine, the server cannot tell. */
function keySetUnavailable(error: unknown): boolean {
  return (
    !(error instanceof errors.JOSEError) ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.constructor === errors.JOSEError
  );
}

export function unauthenticated(detail: string): ProblemException {
  return new ProblemException(HttpStatus.UNAUTHORIZED, 'unauthenticated', detail);
}
