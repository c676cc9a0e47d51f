import { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { type ApiRequest, requestScope } from '@marginalia/http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Letters, digits and a few separators, at most 128: safe to echo, log and store. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=~-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when sane), echoes it, and runs the
 * rest of the request in its scope. The request log (observability/request-log.ts) names it.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get(REQUEST_ID_HEADER);
  const requestId =
    incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const request = req as ApiRequest;
  request.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  requestScope.run({ requestId }, next);
}
