import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Response } from 'express';
import { type Action, type Actor, may, type Role } from '@marginalia/domain';
import {
  type ApiRequest,
  ProblemException,
  cachedRouteMetadata,
  ALLOWED_ROLES,
  PUBLIC_ROUTE,
  REQUIRED_ACTION,
} from '@marginalia/http';
import { RateLimiter } from './rate-limiter';
import { TokenVerifier } from './token-verifier';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every route but the @Public ones: the bearer token (401), the caller's rate (429), then the
 * route's @Requires action or @RolesAllowed roles (403). Any role may read an undeclared GET;
 * a mutation that declares nothing is a programming error, refused rather than left open.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly tokens: TokenVerifier,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  /** The route's declarations, read once per route. */
  private readonly declarationsOf = cachedRouteMetadata((handler, controller) => {
    const targets = [handler, controller];
    return {
      isPublic: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets),
      action: this.reflector.getAllAndOverride<Action | undefined>(REQUIRED_ACTION, targets),
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets),
    };
  });

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, action, roles } = this.declarationsOf(context);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    try {
      req.actor = await this.tokens.verify(req.get('Authorization'));
    } catch (error) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="marginalia"');
      throw error;
    }
    const wait = this.limiter.take(req.actor.sub);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate_limited',
        `Too many requests for ${req.actor.sub}; try again in ${wait} s`,
      );
    }
    if (action === undefined && roles === undefined && MUTATIONS.has(req.method)) {
      throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no action`);
    }
    if (action !== undefined && !may(req.actor, action)) {
      forbid(req.actor, `may not ${action}`, { action });
    }
    if (roles !== undefined && !req.actor.roles.some((role) => roles.includes(role))) {
      forbid(req.actor, `may not do this; only ${roles.join(', ')} may`, {});
    }
    return true;
  }
}

function forbid(actor: Actor, what: string, extensions: Record<string, unknown>): never {
  const detail = `${actor.sub} (${actor.roles.join(', ')}) ${what}`;
  throw new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', detail, extensions);
}
