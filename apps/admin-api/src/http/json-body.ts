import { HttpStatus } from '@nestjs/common';
import { type IncomingMessage } from 'node:http';
import { JsonShapeScanner, type JsonShapeRefusal } from './json-shape';
import { MiB, ProblemException } from '@marginalia/http';

export interface JsonBody {
  value: unknown;
  /** The body as it came, for the SHA-256 an Idempotency-Key is checked with. */
  bytes: Buffer;
}

/** Stateless when it decodes a whole body at once, so one serves every request. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reads a JSON request body in the order a client can act on: the media type (415), the size
 * (413, from Content-Length before reading a byte, else while reading), its depth and number
 * of values (400, while reading, before anything is parsed), then the JSON (400).
 */
export async function readJsonBody(
  req: IncomingMessage,
  options: { limit: number; mediaTypes: readonly string[] },
): Promise<JsonBody> {
  checkMediaType(req, options.mediaTypes);
  const declared = Number(req.headers['content-length']);
  if (declared > options.limit) throw tooLarge(options.limit);
  const bytes = await readBytes(req, options.limit, new JsonShapeScanner());
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw malformed('The body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed(`The body is not valid JSON: ${(error as Error).message}`);
  }
  return { value, bytes };
}

function checkMediaType(req: IncomingMessage, accepted: readonly string[]): void {
  const header = req.headers['content-type'] ?? '';
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const okCharset = charset === undefined || /^charset="?utf-8"?$/.test(charset);
  if (!accepted.includes(type) || !okCharset || encoding !== 'identity') {
    throw new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported_media_type',
      `The body must be ${accepted.join(' or ')} in UTF-8, without Content-Encoding; got ${JSON.stringify(header)}`,
    );
  }
}

function readBytes(req: IncomingMessage, limit: number, shape: JsonShapeScanner): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | undefined) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) {
        // Drain what is left so that the client still reads the answer.
        req.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle(tooLarge(limit));
      const refusal = shape.write(chunk);
      if (refusal) settle(shapeRefused(refusal));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(undefined);
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(malformed('The body ended before its end'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function tooLarge(limit: number): ProblemException {
  return new ProblemException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'payload_too_large',
    `The body may be at most ${limit / MiB} MiB`,
    { limit },
  );
}

function shapeRefused(refusal: JsonShapeRefusal): ProblemException {
  const [code, detail] =
    refusal.kind === 'too_deep'
      ? ['body_too_deep', `The body nests deeper than ${refusal.limit} levels`]
      : ['body_too_complex', `The body holds more than ${refusal.limit} JSON values`];
  return new ProblemException(HttpStatus.BAD_REQUEST, code, detail, { limit: refusal.limit });
}

function malformed(detail: string): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'malformed_json', detail);
}
