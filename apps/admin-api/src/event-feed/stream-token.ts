import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';

/** What an event stream needs of the bearer token the access guard verified. */
export interface StreamToken {
  /** The SHA-256 of the token's text: streams are counted per token, not per `sub`. */
  id: string;
  /** Its `exp`, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * The token of a request the access guard let through. It is decoded again rather than
 * verified again: the guard verified this very text, and refused it without `exp`.
 */
export function streamTokenOf(authorization: string | undefined): StreamToken {
  const token = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) throw new Error('A stream was served without the guard’s token');
  const { exp } = decodeJwt(token);
  if (typeof exp !== 'number') throw new Error('A stream was served for a token without exp');
  return { id: createHash('sha256').update(token).digest('hex'), expiresAt: exp * 1000 };
}

/** setTimeout's longest wait (about 24.8 days); a token may live a year. */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/** Runs `action` once the clock reaches `time`; answers a function that cancels it. */
export function atTime(time: number, action: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const wait = time - Date.now();
    if (wait <= 0) action();
    else timer = setTimeout(arm, Math.min(wait, LONGEST_TIMEOUT_MS));
  };
  arm();
  return () => clearTimeout(timer);
}
