/**
 * The admin API, same origin, with the session's token in the Authorization header. Every
 * refusal becomes an `ApiError` carrying the problem details (SPEC §6); `describeError` puts
 * it in words.
 */
import { session, signOut } from './session';

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** The resource version the change was decided on (`If-Match`). */
  ifMatch?: number;
  /** Makes a retried POST safe (`Idempotency-Key`). */
  idempotencyKey?: string;
  accept?: string;
}

function headersFor(options: RequestOptions, body: boolean): Headers {
  const headers = new Headers({ Accept: options.accept ?? 'application/json' });
  const current = session();
  if (current) headers.set('Authorization', `Bearer ${current.token}`);
  if (body) headers.set('Content-Type', 'application/json');
  if (options.ifMatch !== undefined) headers.set('If-Match', `"${options.ifMatch}"`);
  if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  return headers;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.code === 'string') return { ...body, status: response.status } as Problem;
    } catch {
      // answered below
    }
  }
  return { status: response.status, code: `http_${response.status}` };
}

export async function request(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor(options, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network_error' });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401) signOut();
    throw new ApiError(problem);
  }
  return response;
}

export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await (await request('GET', path, undefined, options)).json()) as T;
}

export async function getText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await request('GET', path, undefined, { accept: 'text/plain', ...options })).text();
}

export async function sendJson<T>(
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const response = await request(method, path, body ?? {}, {
    idempotencyKey: method === 'POST' ? crypto.randomUUID() : undefined,
    ...options,
  });
  return (await response.json()) as T;
}

/** `?a=1&b=x` from the defined entries. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const path = {
  articles: '/v1/articles',
  article: (id: string) => `/v1/articles/${encodeURIComponent(id)}`,
  view: (id: string) => `/v1/articles/${encodeURIComponent(id)}/view`,
  text: (id: string) => `/v1/articles/${encodeURIComponent(id)}/text`,
  articleClaims: (id: string) => `/v1/articles/${encodeURIComponent(id)}/claims`,
  articleCorrections: (id: string) => `/v1/articles/${encodeURIComponent(id)}/corrections`,
  articleHistory: (id: string) => `/v1/articles/${encodeURIComponent(id)}/history`,
  claims: '/v1/claims',
  claim: (id: string) => `/v1/claims/${encodeURIComponent(id)}`,
  corrections: '/v1/corrections',
  correction: (id: string) => `/v1/corrections/${encodeURIComponent(id)}`,
};
