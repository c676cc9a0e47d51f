import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { AccessGuard } from '../auth/access.guard';
import { RateLimiter } from '../auth/rate-limiter';
import { resolveSigningSecret, SIGNING_SECRET, type SigningSecret } from '@marginalia/platform';
import { TokenVerifier } from '../auth/token-verifier';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { HttpEdgeInterceptor } from './edge.interceptor';
import { InFlightRequests } from './in-flight-requests';
import { JsonBodyInterceptor } from './json-body.interceptor';
import { ResourceHeadersInterceptor } from '@marginalia/http';
import { RequestValidationPipe } from './validation.pipe';

const HOUR_MS = 60 * 60 * 1000;

/** Purges expired keys hourly, and closes the file after the last request has finished. */
@Injectable()
class IdempotencyLifecycle implements OnApplicationShutdown {
  private readonly timer = setInterval(() => this.store.purgeExpired(), HOUR_MS).unref();

  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.store.close();
  }
}

/**
 * The HTTP edge every route shares. Order matters: the guard authenticates, limits the rate
 * and checks the route's permission; then the body is read, the Idempotency-Key looked up,
 * the DTOs validated, and the answer gets its ETag and Location. The three interceptors run
 * as one (`HttpEdgeInterceptor`), in that order.
 */
@Module({
  providers: [
    {
      provide: SIGNING_SECRET,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => resolveSigningSecret(config),
    },
    {
      provide: TokenVerifier,
      inject: [MARGINALIA_CONFIG, SIGNING_SECRET],
      useFactory: (config: MarginaliaConfig, secret: SigningSecret) =>
        new TokenVerifier({
          hs256Secret: secret.source === 'none' ? undefined : secret.secret,
          jwksUrl: config.auth.jwksUrl,
          oidcIssuer: config.auth.oidc?.issuerUrl,
        }),
    },
    {
      provide: RateLimiter,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => new RateLimiter(config.rateLimitPerMinute),
    },
    {
      provide: IdempotencyStore,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => {
        mkdirSync(config.dataDir, { recursive: true });
        return new IdempotencyStore(join(config.dataDir, 'idempotency.db'));
      },
    },
    IdempotencyLifecycle,
    InFlightRequests,
    { provide: APP_GUARD, useClass: AccessGuard },
    JsonBodyInterceptor,
    IdempotencyInterceptor,
    ResourceHeadersInterceptor,
    { provide: APP_INTERCEPTOR, useClass: HttpEdgeInterceptor },
    { provide: APP_PIPE, useClass: RequestValidationPipe },
  ],
  exports: [SIGNING_SECRET, InFlightRequests],
})
export class HttpEdgeModule {}
