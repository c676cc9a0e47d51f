import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  HttpCode,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Response } from 'express';
import { map, type Observable } from 'rxjs';
import { etagOf } from './if-match';
import { cachedRouteMetadata } from './route-metadata';

const LOCATION = 'marginalia:location';

/**
 * A route that creates a resource: `201 Created` with `Location` computed from the answer, e.g.
 * `@Created((article: ArticleResponse) => `/v1/articles/${article.id}`)`.
 */
export function Created<Body>(locate: (body: Body) => string) {
  return applyDecorators(HttpCode(HttpStatus.CREATED), SetMetadata(LOCATION, locate));
}

/**
 * Every aggregate resource answers `ETag: "<version>"` (SPEC §6): an answer with a numeric
 * `version` gets its ETag here, so no controller can forget it. Created routes get `Location`.
 */
@Injectable()
export class ResourceHeadersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  /** The route's `@Created` function, read once per route. */
  private readonly locationOf = cachedRouteMetadata((handler) =>
    this.reflector.get<((body: unknown) => string) | undefined>(LOCATION, handler),
  );

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    const locate = this.locationOf(context);
    return next.handle().pipe(
      map((body: unknown) => {
        if (locate) res.location(locate(body));
        const version = (body as { version?: unknown } | null)?.version;
        if (Number.isInteger(version)) res.setHeader('ETag', etagOf(version as number));
        return body;
      }),
    );
  }
}
