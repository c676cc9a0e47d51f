import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type CommandContext } from '@marginalia/editorial';
import { type ApiRequest } from './api-request';
import { IDEMPOTENCY_KEY_HEADER } from './headers';
import { parseIfMatch } from './if-match';

/**
 * The context of the commands a request sends: the actor from its token (never from the body),
 * its request id as correlation and causation, its Idempotency-Key, and its If-Match version
 * (required on PATCH). Usage: `@RequestContext() context: CommandContext`.
 */
export const RequestContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandContext =>
    commandContextOf(context.switchToHttp().getRequest<ApiRequest>()),
);

export function commandContextOf(req: ApiRequest): CommandContext {
  if (!req.actor) throw new Error('A public route cannot send commands: it has no actor');
  const expectedVersion = parseIfMatch(req.get('If-Match'), { required: req.method === 'PATCH' });
  const idempotencyKey = req.method === 'POST' ? req.get(IDEMPOTENCY_KEY_HEADER) : undefined;
  return {
    actor: req.actor,
    correlationId: req.requestId,
    causationId: req.requestId,
    ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
}
