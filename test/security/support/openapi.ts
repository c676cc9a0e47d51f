import { request as httpRequest } from 'node:http';

/** The parts of the live OpenAPI document (GET /docs-json) that the security specs read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

export interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-required-roles'?: string[];
  /** `[]` on a public operation; `[{ bearer: [] }]` on the others. */
  security?: unknown[];
}

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

export interface Operation {
  /** `POST /v1/articles/{id}/claims`, as SPEC §6's table writes it. */
  key: string;
  method: string;
  path: string;
  spec: OpenApiOperation;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
export const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function readOpenApi(url: string): Promise<OpenApiDocument> {
  const response = await call(`${url}/docs-json`, { method: 'GET' });
  if (response.status !== 200) throw new Error(`GET /docs-json answered ${response.status}`);
  return JSON.parse(response.text) as OpenApiDocument;
}

/** Every operation of the document, in its order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, spec]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        spec,
      })),
  );
}

/** `$ref` and a single `allOf` resolved, so that `type`, `properties`… are on the schema itself. */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (target === undefined) throw new Error(`No schema ${schema.$ref}`);
    return resolve(doc, { ...target, ...(schema.nullable ? { nullable: true } : {}) });
  }
  if (schema.allOf?.length === 1) {
    return resolve(doc, { ...schema.allOf[0]!, ...(schema.nullable ? { nullable: true } : {}) });
  }
  if (schema.properties !== undefined && schema.type === undefined) {
    return { ...schema, type: 'object' };
  }
  return schema;
}

/** The JSON schema of the operation's body, or undefined when it declares none. */
export function bodySchemaOf(doc: OpenApiDocument, operation: Operation): Schema | undefined {
  const content = operation.spec.requestBody?.content;
  if (content === undefined) return undefined;
  const first = content['application/json'] ?? Object.values(content)[0];
  return first === undefined ? undefined : resolve(doc, first.schema);
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

/**
 * One HTTP request with exactly the bytes and headers given (no library adds or fixes any):
 * what a hostile client sends. The answer's body is read whole.
 */
export function call(
  url: string,
  options: {
    method: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Cut the answer after this long, and answer what arrived (for a stream let through). */
    timeoutMs?: number;
  },
): Promise<HttpAnswer> {
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  const headers: Record<string, string | number> = { ...(options.headers ?? {}) };
  if (body !== undefined && !hasHeader(headers, 'content-length')) {
    headers['Content-Length'] = body.length;
  }
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { method: options.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      };
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          res.removeAllListeners('end');
          res.destroy();
          finish();
        }, options.timeoutMs);
      }
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', finish);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * Every `code` SPEC names (§1, §3, §6, §8), plus the server's documented additions for an
 * unavailable store or key set. A problem with any other code is a finding.
 */
export const SPEC_CODES = new Set([
  'validation_failed',
  'malformed_json',
  'body_too_deep',
  'capture_too_complex',
  'body_too_complex',
  'unauthenticated',
  'forbidden',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'precondition_required',
  'rate_limited',
  'verdict_needs_source',
  'revision_unchanged',
  'invalid_transition',
  'self_approval_forbidden',
  'correction_orphaned',
  'article_exists',
  'version_mismatch',
  'version_conflict',
  'idempotency_key_reused',
  'quote_not_found',
  'quote_ambiguous',
  'quote_mismatch',
  'empty_span',
  'span_out_of_range',
  'span_splits_grapheme',
  'invalid_unicode',
  'revision_not_found',
]);

/** Checks that an answer is an RFC 9457 problem with one of SPEC's codes; answers its code. */
export function problemCodeOf(answer: HttpAnswer): string {
  const contentType = String(answer.headers['content-type'] ?? '');
  const body = answer.json;
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const shaped =
    contentType.startsWith('application/problem+json') &&
    body !== undefined &&
    body.status === answer.status &&
    body.type === `urn:marginalia:problem:${code}` &&
    typeof body.title === 'string' &&
    typeof body.detail === 'string';
  if (!shaped || code === undefined || !SPEC_CODES.has(code)) {
    throw new Error(
      `Not a problem with a SPEC code: ${answer.status} ${contentType} ${answer.text.slice(0, 300)}`,
    );
  }
  return code;
}

/**
 * The status and headers of an answer that may never end (the event stream): the connection
 * is closed as soon as the head arrives.
 */
export function callHead(
  url: string,
  options: { method: string; headers?: Record<string, string> },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      resolvePromise({ status: res.statusCode ?? 0, headers: res.headers });
      res.destroy();
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}
