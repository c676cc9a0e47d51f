import { Logger } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { type ApiRequest, requestScope } from './api-request';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Letters, digits and a few separators, at most 128: safe to echo, log and store. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@+=~-]{1,128}$/;

const logger = new Logger('HTTP');

/**
 * Gives every request an id (the caller's `X-Request-Id` when sane), echoes it, runs the rest
 * of the request in its log scope, and writes one access line when the answer is sent.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get(REQUEST_ID_HEADER);
  const requestId =
    incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const request = req as ApiRequest;
  request.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (req.path === '/health') return;
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const who = request.actor ? ` ${request.actor.sub}` : '';
    requestScope.run({ requestId }, () =>
      logger.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms}ms${who}`),
    );
  });
  requestScope.run({ requestId }, next);
}
