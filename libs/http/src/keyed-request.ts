import { createHash } from 'node:crypto';
import { type CommandContext } from '@marginalia/platform';
import { keyedRequestIds } from '@marginalia/platform';
import { type ApiRequest } from './api-request';
import { IDEMPOTENCY_KEY_HEADER } from './headers';

/** An Idempotency-Key is scoped to the token's sub, the method and the path (SPEC §8). */
export interface IdempotencyScope {
  sub: string;
  method: string;
  path: string;
  key: string;
}

const EMPTY_BODY_SHA256 = createHash('sha256').digest('hex');

/** The scope of a POST's Idempotency-Key (SPEC §8), when an authenticated caller sent one. */
export function idempotencyScopeOf(req: ApiRequest): IdempotencyScope | undefined {
  const key = req.get(IDEMPOTENCY_KEY_HEADER);
  if (req.method !== 'POST' || key === undefined || !req.actor) return undefined;
  return { sub: req.actor.sub, method: req.method, path: req.baseUrl + req.path, key };
}

/**
 * The SHA-256 of the body bytes: what tells a retry from another request with the same key.
 * Computed for keyed requests only, once.
 */
export function bodySha256Of(req: ApiRequest): string {
  if (req.bodyBytes === undefined) return EMPTY_BODY_SHA256;
  return (req.bodySha256 ??= createHash('sha256').update(req.bodyBytes).digest('hex'));
}

/**
 * The command context of a keyed request names the aggregate it creates and the events it
 * appends after the key's scope and the body, so that a retry whose answer a crash lost (or
 * that reaches another replica) is recognised by the log instead of running again.
 */
export function keyedRequestContext(
  req: ApiRequest,
): Pick<CommandContext, 'idempotencyKey' | 'eventIdFor' | 'aggregateIdFor'> {
  const scope = idempotencyScopeOf(req);
  if (!scope) return {};
  const ids = keyedRequestIds({ ...scope, bodySha256: bodySha256Of(req) });
  return {
    idempotencyKey: scope.key,
    eventIdFor: (index, streamId) => ids.eventId(streamId, index),
    aggregateIdFor: (purpose) => ids.aggregateId(purpose),
  };
}
