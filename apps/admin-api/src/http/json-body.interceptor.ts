import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import { from, type Observable, switchMap } from 'rxjs';
import {
  type ApiRequest,
  BODY_LIMIT,
  cachedRouteMetadata,
  DEFAULT_BODY_LIMIT,
  validationFailed,
} from '@marginalia/http';
import { hasBody, readJsonBody } from './json-body';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json'];
/** PATCH also takes JSON Merge Patch (RFC 7396, SPEC §8). */
const PATCH_TYPES = ['application/json', 'application/merge-patch+json'];

/**
 * Reads request bodies after the guards, so that a caller without a valid token, or whose
 * roles forbid the route, is refused before the server reads, or parses, a byte of it.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  /** The route's body limit, and whether its handler has a `@Body()` parameter. */
  private readonly bodyOf = cachedRouteMetadata((handler, controller) => ({
    limit:
      this.reflector.getAllAndOverride<number | undefined>(BODY_LIMIT, [handler, controller]) ??
      DEFAULT_BODY_LIMIT,
    takesBody: takesBody(handler, controller),
  }));

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<ApiRequest>();
    if (!WITH_BODY.has(req.method) || !hasBody(req)) return next.handle();
    const route = this.bodyOf(context);
    const mediaTypes = req.method === 'PATCH' ? PATCH_TYPES : JSON_TYPES;
    return from(readJsonBody(req, { limit: route.limit, mediaTypes })).pipe(
      switchMap(({ value, bytes }) => {
        if (!route.takesBody) refuseAnyField(value);
        req.body = value;
        req.bodyBytes = bytes;
        return next.handle();
      }),
    );
  }
}

/** Whether the handler has a `@Body()` parameter, which the validation pipe checks. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function takesBody(handler: Function, controller: Function): boolean {
  const parameters = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ??
    {}) as Record<string, unknown>;
  return Object.keys(parameters).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

/**
 * A route without a body (submit, approve, rebuild…) takes nothing or `{}`: any field is
 * unknown (SPEC §6, 400), so that no one believes a field such as `approvedBy` was heard.
 */
function refuseAnyField(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationFailed('This request takes no body, or {}', [
      { field: '(body)', message: 'must be an empty JSON object' },
    ]);
  }
  const fields = Object.keys(value);
  if (fields.length > 0) {
    throw validationFailed(
      'This request takes no body, or {}',
      fields.map((field) => ({ field, message: 'is not a known field' })),
    );
  }
}
