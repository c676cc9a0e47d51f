import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';

/**
 * Graceful shutdown: requests in flight finish (Nest closes the server, which waits for them),
 * and their connections close once request and answer are both done, instead of idling in
 * keep-alive, which would hold the shutdown up until the keep-alive timeout.
 */
@Injectable()
export class InFlightRequests implements BeforeApplicationShutdown {
  private readonly requests = new Set<Request>();
  private closing = false;

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.closing) res.setHeader('Connection', 'close');
    this.requests.add(req);
    let unfinished = 2;
    const settle = () => {
      unfinished -= 1;
      if (unfinished > 0) return;
      this.requests.delete(req);
      // An answer sent before its request's body ended (413, 401…) left the socket open.
      if (this.closing) req.socket.end();
    };
    req.once('close', settle);
    res.once('close', settle);
    next();
  };

  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const req of this.requests) {
      if (req.res && !req.res.headersSent) req.res.setHeader('Connection', 'close');
    }
  }
}
