import { type LoggerService, type LogLevel } from '@nestjs/common';
import { currentRequestId } from './api-request';

/** Wraps Nest's logger so that every line written while a request runs names its request id. */
export class RequestAwareLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.inner.log(tagged(message), ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(tagged(message), ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(tagged(message), ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(tagged(message), ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(tagged(message), ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal?.(tagged(message), ...rest);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.inner.setLogLevels?.(levels);
  }
}

function tagged(message: unknown): unknown {
  const requestId = currentRequestId();
  if (requestId === undefined) return message;
  const text = message instanceof Error ? (message.stack ?? message.message) : message;
  return typeof text === 'string' ? `[request ${requestId}] ${text}` : text;
}
