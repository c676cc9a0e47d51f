import { HttpStatus } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  type JWTHeaderParameters,
  type JWTPayload,
  jwtVerify,
  type KeyLike,
} from 'jose';
import { type Actor, ROLES, type Role, SYSTEM_ACTOR } from '@marginalia/domain';
import { ProblemException } from '../http/problem';

export interface TokenVerifierOptions {
  /** HS256 secret (AUTH_JWT_SECRET or the development secret); undefined disables HS256. */
  hs256Secret?: string;
  /** RS256 through the newsroom's key set (AUTH_JWKS_URL), fetched and cached by jose. */
  jwksUrl?: string;
}

/** Accepted clock skew between the token's issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Bearer tokens to actors (SPEC §1). HS256 with the secret and RS256 through the JWKS, nothing
 * else (`alg: none` included); `sub`, `roles` of known role names, and `exp` are required.
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  private readonly algorithms: string[];

  constructor(options: TokenVerifierOptions) {
    this.secret =
      options.hs256Secret === undefined ? undefined : new TextEncoder().encode(options.hs256Secret);
    this.jwks =
      options.jwksUrl === undefined
        ? undefined
        : createRemoteJWKSet(new URL(options.jwksUrl), {
            cacheMaxAge: 10 * 60_000,
            cooldownDuration: 30_000,
            timeoutDuration: 5_000,
          });
    this.algorithms = [...(this.secret ? ['HS256'] : []), ...(this.jwks ? ['RS256'] : [])];
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    const token = /^Bearer +([A-Za-z0-9_.~+/-]+=*) *$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) throw unauthenticated('Authorization: Bearer <token> is required');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, (header, input) => this.keyFor(header, input), {
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw refusalOf(error);
    }
    return actorOf(payload);
  }

  private keyFor(
    header: JWTHeaderParameters,
    token: Parameters<ReturnType<typeof createRemoteJWKSet>>[1],
  ): Uint8Array | Promise<KeyLike> {
    if (header.alg === 'HS256' && this.secret) return this.secret;
    if (header.alg === 'RS256' && this.jwks) return this.jwks(header, token);
    throw new errors.JOSEAlgNotAllowed(`${header.alg} tokens are not accepted`);
  }
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
      'The key set of AUTH_JWKS_URL cannot be read; try again shortly',
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
