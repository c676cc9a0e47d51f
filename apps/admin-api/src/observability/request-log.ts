import { type IncomingMessage, type ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { type Options } from 'pino-http';
import { type ApiRequest } from '@marginalia/http';
import { routeTemplateOf } from './route-template';

/** Routes polled by load balancers and scrapers: their successes are not logged. */
const POLLED_PATHS = new Set(['/health', '/metrics']);

/** The one logger of the application: JSON lines to `destination` (stdout), or none at all. */
export function createLogger(
  destination: DestinationStream | false = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level: destination === false ? 'silent' : 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination === false ? undefined : destination,
  );
}

/**
 * pino-http, as nestjs-pino runs it: every line written while a request runs names its
 * `requestId`, and each request ends with one access line of fixed fields. The token, the
 * headers, the query and the body are never logged.
 */
export function requestLogOptions(logger: Logger): Options {
  return {
    logger,
    genReqId: (req) => (req as ApiRequest).requestId,
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: levelOf,
    customSuccessObject: (req, res, fields: object) => accessFields(req, res, fields),
    customErrorObject: (req, res, _error, fields: object) => accessFields(req, res, fields),
    customSuccessMessage: accessMessage,
    customErrorMessage: accessMessage,
  };
}

/** Refusals are warnings and failures errors; the failure itself is logged where it happens. */
function levelOf(req: IncomingMessage, res: ServerResponse, error?: Error): Level | 'silent' {
  if (error || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return POLLED_PATHS.has(pathOf(req)) ? 'silent' : 'info';
}

function accessFields(req: IncomingMessage, res: ServerResponse, fields: object) {
  const request = req as ApiRequest;
  const problemCode = (res as ServerResponse & { locals?: { problemCode?: string } }).locals
    ?.problemCode;
  return {
    method: req.method,
    route: routeTemplateOf(request),
    path: pathOf(req),
    status: res.statusCode,
    durationMs: (fields as { responseTime?: number }).responseTime,
    ...(res.writableEnded ? {} : { aborted: true }),
    ...(request.actor ? { actor: request.actor.sub } : {}),
    ...(problemCode ? { code: problemCode } : {}),
  };
}

function accessMessage(req: IncomingMessage, res: ServerResponse): string {
  return `${req.method} ${pathOf(req)} ${res.writableEnded ? res.statusCode : 'aborted'}`;
}

function pathOf(req: IncomingMessage): string {
  const url = (req as Partial<ApiRequest>).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
