import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type CommandContext } from '@marginalia/platform';
import { keyedRequestContext } from './keyed-request';
import { type ApiRequest } from './api-request';
import { parseIfMatch } from './if-match';

/**
 * The context of the commands a request sends: the actor from its token (never from the body),
 * its request id as correlation and causation, its If-Match version (required on PATCH), and
 * for a POST with an Idempotency-Key, the key and the ids derived from it (keyed-request.ts).
 * Usage: `@RequestContext() context: CommandContext`.
 */
export const RequestContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandContext =>
    commandContextOf(context.switchToHttp().getRequest<ApiRequest>()),
);

export function commandContextOf(req: ApiRequest): CommandContext {
  if (!req.actor) throw new Error('A public route cannot send commands: it has no actor');
  const expectedVersion = parseIfMatch(req.get('If-Match'), { required: req.method === 'PATCH' });
  return {
    actor: req.actor,
    correlationId: req.requestId,
    causationId: req.requestId,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...keyedRequestContext(req),
  };
}
