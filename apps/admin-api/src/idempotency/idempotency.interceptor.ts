import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { type Response } from 'express';
import { from, lastValueFrom, type Observable, of } from 'rxjs';
import {
  type ApiRequest,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  ProblemException,
  validationFailed,
  type IdempotencyScope,
  bodySha256Of,
  idempotencyScopeOf,
} from '@marginalia/http';
import { errorToProblem } from '../http/error-mapping';
import { IdempotencyStore, type RecordedAnswer } from './idempotency-store';

const SANE_KEY = /^[\x21-\x7e]{1,255}$/;
/** Headers of an answer that a repetition gets again. */
const REPLAYED_HEADERS = ['Location', 'ETag'];

/**
 * `Idempotency-Key` on every POST (SPEC §6, §8): the same key and body within 24 h get the
 * first answer again and append nothing; another body is 422 `idempotency_key_reused`; a key
 * whose first request still runs is 409 `idempotency_key_in_flight`. 2xx and 4xx answers are
 * remembered, not 401, 403, 429 or 5xx. A crash after the command's append but before its answer
 * is recorded frees the key: the retry's command then finds its own events in the log (its
 * context names them after the key, see keyed-request.ts) and answers without appending.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const scope = idempotencyScopeOf(req);
    if (!scope) return next.handle();
    if (!SANE_KEY.test(scope.key)) {
      throw validationFailed('Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const reservation = this.store.reserve(scope, bodySha256Of(req));
    switch (reservation.outcome) {
      case 'reused':
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'idempotency_key_reused',
          'This Idempotency-Key was used with another body; use a new key for a new request',
        );
      case 'in_flight':
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'idempotency_key_in_flight',
          'The first request with this Idempotency-Key is still running; retry once it has answered',
        );
      case 'replay':
        return replay(res, reservation.answer);
      case 'reserved':
        // A promise, not a pipe: the answer is recorded even when the client has gone away.
        return from(this.runOnce(scope, res, next));
    }
  }

  private async runOnce(scope: IdempotencyScope, res: Response, next: CallHandler) {
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers = Object.fromEntries(
        REPLAYED_HEADERS.flatMap((name) => {
          const value = res.getHeader(name);
          return value === undefined ? [] : [[name, String(value)]];
        }),
      );
      this.store.complete(scope, {
        status: res.statusCode,
        headers,
        body: body === undefined ? '' : JSON.stringify(body),
      });
      return body;
    } catch (error) {
      const problem = errorToProblem(error);
      if (remembered(problem.status)) {
        this.store.complete(scope, {
          status: problem.status,
          headers: {},
          body: JSON.stringify(problem),
        });
      } else {
        this.store.release(scope);
      }
      throw error;
    }
  }
}

function remembered(status: number): boolean {
  return status >= 200 && status < 500 && ![401, 403, 429].includes(status);
}

function replay(res: Response, answer: RecordedAnswer): Observable<unknown> {
  res.setHeader(IDEMPOTENT_REPLAY_HEADER, 'true');
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  const body: unknown = answer.body === '' ? undefined : JSON.parse(answer.body);
  if (answer.status >= 400) throw new HttpException(body as object, answer.status);
  res.status(answer.status);
  return of(body);
}
