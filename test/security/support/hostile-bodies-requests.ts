import { getAt, setAt, type BodyShape } from './hostile-bodies-shape';
import { type HostileCase } from './hostile-bodies';

export interface HostileRequest {
  headers: Record<string, string>;
  body: Buffer;
  /** Which answers are right: status and code. */
  allowed: Array<{ status: number; code?: string }>;
}

const VALIDATION = { status: 400, code: 'validation_failed' };
const MALFORMED = { status: 400, code: 'malformed_json' };
const TOO_DEEP = { status: 400, code: 'body_too_deep' };

/**
 * The request of a case, built from the operation's valid body, and the refusals that are
 * right for it. `odd-text` and an empty body may be valid requests: they go with a stale
 * `If-Match`, so that a valid one ends in 412 at the store instead of an append (`accepted`).
 */
export function requestOf(
  hostile: HostileCase,
  valid: unknown,
  shape: BodyShape,
  staleIfMatch: boolean,
  accepted: { status: number; code?: string },
): HostileRequest {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (staleIfMatch) headers['If-Match'] = '"999"';
  switch (hostile.kind) {
    case 'unknown-field': {
      const body = JSON.parse(JSON.stringify(valid)) as unknown;
      const target = getAt(body, hostile.at) as object;
      Object.defineProperty(target, hostile.key, {
        value: hostile.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { headers, body: json(body), allowed: [VALIDATION] };
    }
    case 'wrong-type':
      return {
        headers,
        body: json(setAt(valid, hostile.at, hostile.value)),
        allowed: [VALIDATION],
      };
    case 'missing-field':
      return {
        headers,
        body: json(setAt(valid, hostile.at, undefined, true)),
        allowed: [VALIDATION],
      };
    case 'lone-surrogate':
      // JSON.stringify writes a lone surrogate as the escape \udxxx, as an attacker would.
      return {
        headers,
        body: json(setAt(valid, hostile.at, hostile.value)),
        allowed: [{ status: 422, code: 'invalid_unicode' }, VALIDATION],
      };
    case 'not-an-object':
      return { headers, body: json(hostile.value), allowed: [VALIDATION] };
    case 'malformed-json':
      return { headers, body: Buffer.from(hostile.text), allowed: [MALFORMED] };
    case 'invalid-utf8': {
      const bytes = json(valid);
      const body = Buffer.concat([
        bytes.subarray(0, hostile.offset),
        Buffer.from(hostile.bytes),
        bytes.subarray(hostile.offset),
      ]);
      return { headers, body, allowed: [MALFORMED] };
    }
    case 'deep-nesting': {
      const marker = '"deep-nesting-marker"';
      const deep =
        hostile.shape === 'array'
          ? `${'['.repeat(hostile.depth)}${']'.repeat(hostile.depth)}`
          : `${'{"a":'.repeat(hostile.depth)}1${'}'.repeat(hostile.depth)}`;
      const text = JSON.stringify(setAt(valid, hostile.at, 'deep-nesting-marker')).replace(
        marker,
        deep,
      );
      return { headers, body: Buffer.from(text), allowed: [TOO_DEEP] };
    }
    case 'media-type': {
      const mediaHeaders: Record<string, string> = staleIfMatch ? { 'If-Match': '"999"' } : {};
      if (hostile.contentType !== undefined) mediaHeaders['Content-Type'] = hostile.contentType;
      if (hostile.contentEncoding !== undefined)
        mediaHeaders['Content-Encoding'] = hostile.contentEncoding;
      return {
        headers: mediaHeaders,
        body: json(valid),
        allowed: [{ status: 415, code: 'unsupported_media_type' }],
      };
    }
    case 'odd-text': {
      const before = getAt(valid, hostile.at) as string;
      const text = hostile.placement === 'replace' ? hostile.value : `${before}${hostile.value}`;
      return {
        headers: { ...headers, 'If-Match': '"999"' },
        body: json(setAt(valid, hostile.at, text)),
        allowed: [accepted, VALIDATION, { status: 422 }],
      };
    }
    case 'empty-body':
      return {
        headers: { ...headers, 'If-Match': '"999"' },
        body: Buffer.alloc(0),
        allowed: shape.requiresSomething ? [VALIDATION] : [VALIDATION, accepted],
      };
  }
}
