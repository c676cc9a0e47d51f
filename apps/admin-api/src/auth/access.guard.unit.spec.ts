import { Controller, Get, HttpException, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { type Actor } from '@marginalia/domain';
import { AccessGuard } from './access.guard';
import { Public, Requires, RolesAllowed } from '@marginalia/http';
import { RateLimiter } from './rate-limiter';
import { TokenVerifier } from './token-verifier';
import { mintToken } from '@marginalia/platform';

const SECRET = 'a-secret-for-the-guard-of-32-bytes!!';

@Controller('v1/example')
class ExampleController {
  @Public()
  @Get('health')
  health() {}

  @Get()
  read() {}

  @RolesAllowed('auditor', 'admin')
  @Get('history')
  history() {}

  @Requires('claim.capture')
  @Post('claims')
  capture() {}

  @Post('undeclared')
  undeclared() {}
}

const guard = new AccessGuard(
  new Reflector(),
  new TokenVerifier({ hs256Secret: SECRET }),
  new RateLimiter(1000),
);

async function attempt(route: keyof ExampleController, actor?: Actor) {
  const method = route === 'capture' || route === 'undeclared' ? 'POST' : 'GET';
  const authorization = actor
    ? `Bearer ${await mintToken(SECRET, actor, { ttlSeconds: 60 })}`
    : undefined;
  const req = {
    method,
    get: (name: string) => (name === 'Authorization' ? authorization : undefined),
  };
  const res = { setHeader: () => undefined };
  const context = new ExecutionContextHost([req, res]);
  context.setType('http');
  Object.assign(context, {
    getHandler: () => ExampleController.prototype[route],
    getClass: () => ExampleController,
  });
  try {
    await guard.canActivate(context);
    return 'allowed';
  } catch (error) {
    return error instanceof HttpException ? error.getStatus() : (error as Error).message;
  }
}

const auditor: Actor = { sub: 'auditor-chen', roles: ['auditor'] };
const checker: Actor = { sub: 'checker-wang', roles: ['fact_checker'] };

describe('the access guard', () => {
  it('lets anyone reach a @Public route', async () => {
    expect(await attempt('health')).toBe('allowed');
  });

  it('lets every authenticated role read an undeclared GET, and no one without a token', async () => {
    expect(await attempt('read', checker)).toBe('allowed');
    expect(await attempt('read')).toBe(401);
  });

  it('lets only the @RolesAllowed roles through', async () => {
    expect(await attempt('history', auditor)).toBe('allowed');
    expect(await attempt('history', checker)).toBe(403);
  });

  it('checks @Requires against the domain’s permission table', async () => {
    expect(await attempt('capture', checker)).toBe('allowed');
    expect(await attempt('capture', auditor)).toBe(403);
  });

  it('refuses a mutation that declares no permission instead of leaving it open', async () => {
    expect(await attempt('undeclared', checker)).toMatch(/declares no action/);
  });
});
