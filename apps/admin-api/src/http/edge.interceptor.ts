import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { defer, type Observable } from 'rxjs';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { JsonBodyInterceptor } from './json-body.interceptor';
import { ResourceHeadersInterceptor } from '@marginalia/http';

interface EdgeInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown>;
}

/**
 * The edge's interceptors, as the one global interceptor Nest runs, in their order: the body
 * (`JsonBodyInterceptor`), the Idempotency-Key (`IdempotencyInterceptor`), then the answer's
 * `ETag` and `Location` (`ResourceHeadersInterceptor`), which are thus part of the answer an
 * Idempotency-Key records. Each is entered when the one before subscribes to its
 * `next.handle()`, as Nest enters chained interceptors, but without what Nest wraps around
 * each one it chains (a deferred observable bound to a new async resource), which cost more
 * than the three interceptors' own work on a small request. Promises carry the request's log
 * scope (`requestScope`) from one to the next, as they do into the handler.
 */
@Injectable()
export class HttpEdgeInterceptor implements NestInterceptor {
  private readonly chain: readonly EdgeInterceptor[];

  constructor(
    body: JsonBodyInterceptor,
    idempotency: IdempotencyInterceptor,
    headers: ResourceHeadersInterceptor,
  ) {
    this.chain = [body, idempotency, headers];
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const from = (index: number): CallHandler => {
      const interceptor = this.chain[index];
      if (interceptor === undefined) return next;
      return { handle: () => defer(() => interceptor.intercept(context, from(index + 1))) };
    };
    return from(0).handle();
  }
}
