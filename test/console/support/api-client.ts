/**
 * The browser tests' own calls to the API, as a newsroom's script makes them: a bearer token,
 * JSON in and out. Tests use it to set up what the console then shows, and to check through the
 * API what the console sent.
 */
import { type ConsoleServer } from './console-server';

export interface Answer {
  status: number;
  /** The parsed JSON, the text of any other answer, or undefined when there was none. */
  body: unknown;
}

/** The status and body of a call, refusals included. */
export async function apiSend(
  server: Pick<ConsoleServer, 'url'>,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ?? false;
  return {
    status: response.status,
    body: text === '' ? undefined : json ? (JSON.parse(text) as unknown) : text,
  };
}

/** The answer of a call that must succeed; a refusal fails the test with its problem. */
export async function apiCall<T>(
  server: Pick<ConsoleServer, 'url'>,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const answer = await apiSend(server, token, method, path, body);
  if (answer.status >= 400) {
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as T;
}

/** One person's calls: `await DeskApi.as(server, 'editor-li', ['editor'])`. */
export class ApiClient {
  constructor(
    protected readonly server: ConsoleServer,
    protected readonly token: string,
  ) {}

  static async as<C extends ApiClient>(
    this: new (server: ConsoleServer, token: string) => C,
    server: ConsoleServer,
    sub: string,
    roles: string[],
  ): Promise<C> {
    return new this(server, await server.token({ sub, roles } as never));
  }

  send(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    return apiSend(this.server, this.token, method, path, body, headers);
  }

  call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return apiCall<T>(this.server, this.token, method, path, body);
  }
}
