import { AsyncLocalStorage } from 'node:async_hooks';
import { type Request } from 'express';
import { type Actor } from '@marginalia/domain';

/** What the edge learns about a request on its way in; the controllers build commands from it. */
export interface ApiRequest extends Request {
  /** From a sane `X-Request-Id`, else generated; the commands' correlation and causation id. */
  requestId: string;
  /** Set by the AccessGuard from the bearer token; absent on public routes. */
  actor?: Actor;
  /** The raw body bytes, set by the JsonBodyInterceptor when a body was read. */
  bodyBytes?: Buffer;
  /** Their SHA-256, computed when first asked for (`bodySha256Of`). */
  bodySha256?: string;
}

/** The request a log line belongs to, so that every line of a request names its id. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}
