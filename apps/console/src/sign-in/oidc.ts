/**
 * Single sign-on by OpenID Connect, authorization code with PKCE (RFC 7636), for a public
 * client in the browser: no client secret, the code useless without this tab's verifier. The
 * verifier, state and nonce live in this tab's sessionStorage for the round trip only; the
 * access token is taken from the token endpoint's answer, never from a URL.
 */
import type { ConsoleConfig } from '../config';
import { type DescribedError } from '../errors';
import { defineMessages } from '../i18n';
import { type Session, sessionOf, TokenShapeError } from '../session';
import { codeChallenge, randomToken } from './pkce';

type OidcConfig = NonNullable<ConsoleConfig['oidc']>;

const t = defineMessages({
  en: {
    insecure_context:
      'Single sign-on needs the console over HTTPS (or on this computer): the browser withholds its cryptography otherwise.',
    provider_unreachable:
      'The sign-in provider could not be reached ({detail}). Try again, or sign in with a token.',
    provider_misconfigured:
      'The sign-in provider’s configuration does not fit the console ({detail}). Tell the newsroom’s administrator.',
    provider_refused: 'The sign-in provider refused: {detail}',
    access_denied: 'Sign-in was cancelled at the provider.',
    no_pending:
      'This sign-in was not started in this tab, or its answer was used already. Sign in again.',
    state_mismatch:
      'The sign-in provider’s answer does not belong to the sign-in this tab started, so it was refused. Sign in again.',
    token_refused: 'The sign-in provider did not give a token: {detail}',
    nonce_mismatch:
      'The sign-in provider’s answer was issued for another sign-in, so it was refused. Sign in again.',
    not_a_jwt:
      'The provider’s access token is not a JWT, which Marginalia needs. Tell the newsroom’s administrator (docs/single-sign-on.md).',
    no_roles:
      'Your account at the provider has no Marginalia role in its access token. Ask the newsroom’s administrator for one.',
    no_sub: 'The provider’s access token names no user (sub). Tell the newsroom’s administrator.',
    no_exp: 'The provider’s access token has no expiry (exp). Tell the newsroom’s administrator.',
    expired:
      'The provider’s access token had expired when it arrived. Check this computer’s clock, then sign in again.',
  },
  'zh-Hans': {
    insecure_context:
      '单点登录需要通过 HTTPS（或在本机）打开控制台，否则浏览器不提供所需的加密功能。',
    provider_unreachable: '无法连接登录服务（{detail}）。请重试，或使用令牌登录。',
    provider_misconfigured: '登录服务的配置与控制台不符（{detail}）。请告知编辑部的管理员。',
    provider_refused: '登录服务拒绝了请求：{detail}',
    access_denied: '已在登录服务处取消登录。',
    no_pending: '此登录不是在本标签页中发起的，或其应答已被使用。请重新登录。',
    state_mismatch: '登录服务的应答与本标签页发起的登录不符，已被拒绝。请重新登录。',
    token_refused: '登录服务没有发放令牌：{detail}',
    nonce_mismatch: '登录服务的应答属于另一次登录，已被拒绝。请重新登录。',
    not_a_jwt:
      '登录服务发放的访问令牌不是 JWT，而 Marginalia 需要 JWT。请告知编辑部的管理员（docs/single-sign-on.md）。',
    no_roles: '你在登录服务中的账号，其访问令牌不含 Marginalia 的角色。请向编辑部的管理员申请。',
    no_sub: '登录服务发放的访问令牌未指明用户（sub）。请告知编辑部的管理员。',
    no_exp: '登录服务发放的访问令牌没有有效期（exp）。请告知编辑部的管理员。',
    expired: '登录服务发放的访问令牌到达时已过期。请检查本机时钟后重新登录。',
  },
});

type Problem = Parameters<typeof t>[0];

/** Why single sign-on failed, in words in the language shown when it is shown. */
export class SingleSignOnError extends Error implements DescribedError {
  constructor(
    readonly problem: Problem,
    readonly detail = '',
  ) {
    super(`${problem}${detail ? `: ${detail}` : ''}`);
    this.name = 'SingleSignOnError';
  }

  describe(): string {
    return t(this.problem, { detail: this.detail });
  }
}

/** What the tab keeps between leaving for the provider and coming back. */
interface PendingSignIn {
  issuer: string;
  tokenEndpoint: string;
  state: string;
  nonce: string;
  verifier: string;
  /** The console's route when sign-in started, to go back to it. */
  returnTo: string;
}

const PENDING_KEY = 'marginalia.sso.pending';

/** The console's redirect URI: the page itself, which finishes the sign-in when loaded. */
function redirectUri(): string {
  return `${location.origin}/console/`;
}

/** Sends the browser to the provider's authorization endpoint. */
export async function startSingleSignOn(oidc: OidcConfig): Promise<void> {
  if (!window.isSecureContext || !crypto.subtle) throw new SingleSignOnError('insecure_context');
  const provider = await discover(oidc.issuer);
  const pending: PendingSignIn = {
    issuer: oidc.issuer,
    tokenEndpoint: provider.token_endpoint,
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    returnTo: location.hash,
  };
  const authorization = new URL(provider.authorization_endpoint);
  const parameters = {
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(parameters)) {
    authorization.searchParams.set(name, value);
  }
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(authorization.toString());
}

/**
 * On the way back (`?code=…&state=…` on /console/), exchanges the code for tokens and answers
 * the session, or undefined when this page load is not a sign-in's return.
 */
export async function completeSingleSignOn(
  oidc: OidcConfig | undefined,
): Promise<Session | undefined> {
  const answer = new URLSearchParams(location.search);
  if (!oidc || !(answer.has('code') || answer.has('error'))) return undefined;
  const pending = takePending();
  // The code (or the refusal) leaves the address bar and the history at once, whatever follows:
  // a reload must not send a used code again.
  history.replaceState(history.state, '', `${location.pathname}${pending?.returnTo ?? ''}`);

  if (!pending) throw new SingleSignOnError('no_pending');
  if (answer.get('state') !== pending.state) throw new SingleSignOnError('state_mismatch');
  // RFC 9207: a provider that names itself must be the one this sign-in went to.
  const issuer = answer.get('iss');
  if (issuer !== null && issuer !== pending.issuer) throw new SingleSignOnError('state_mismatch');
  const error = answer.get('error');
  if (error === 'access_denied') throw new SingleSignOnError('access_denied');
  if (error !== null) {
    throw new SingleSignOnError('provider_refused', answer.get('error_description') ?? error);
  }

  const tokens = await exchange(oidc, pending, answer.get('code') ?? '');
  if (tokens.id_token !== undefined && claimsOf(tokens.id_token)?.nonce !== pending.nonce) {
    throw new SingleSignOnError('nonce_mismatch');
  }
  try {
    return sessionOf(tokens.access_token, 'oidc');
  } catch (e) {
    // TokenShapeError's message is its code: not_a_jwt, no_sub, no_exp, expired or no_roles.
    if (e instanceof TokenShapeError) throw new SingleSignOnError(e.message as Problem);
    throw e;
  }
}

function takePending(): PendingSignIn | undefined {
  const kept = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return kept ? (JSON.parse(kept) as PendingSignIn) : undefined;
  } catch {
    return undefined;
  }
}

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

/** OpenID Connect Discovery 1.0 (the provider must allow this origin by CORS). */
async function discover(issuer: string): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } });
  } catch {
    throw new SingleSignOnError('provider_unreachable', new URL(url).host);
  }
  if (!response.ok) {
    throw new SingleSignOnError(
      'provider_unreachable',
      `${new URL(url).host}: HTTP ${response.status}`,
    );
  }
  const metadata = (await response.json().catch(() => ({}))) as Partial<ProviderMetadata>;
  // Discovery §4.3: the document must name the issuer asked, or it is someone else's.
  if (metadata.issuer !== issuer) {
    throw new SingleSignOnError('provider_misconfigured', `issuer ${String(metadata.issuer)}`);
  }
  for (const endpoint of ['authorization_endpoint', 'token_endpoint'] as const) {
    if (!/^https?:\/\//.test(metadata[endpoint] ?? '')) {
      throw new SingleSignOnError('provider_misconfigured', `no ${endpoint}`);
    }
  }
  return metadata as ProviderMetadata;
}

interface TokenResponse {
  access_token: string;
  id_token?: string;
}

/** The token request of RFC 6749 §4.1.3, with the PKCE verifier in place of a client secret. */
async function exchange(
  oidc: OidcConfig,
  pending: PendingSignIn,
  code: string,
): Promise<TokenResponse> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    client_id: oidc.clientId,
    code_verifier: pending.verifier,
  });
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      body,
      credentials: 'omit',
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new SingleSignOnError('provider_unreachable', new URL(pending.tokenEndpoint).host);
  }
  const answer = (await response.json().catch(() => ({}))) as Partial<TokenResponse> & {
    error?: string;
    error_description?: string;
  };
  if (!response.ok || typeof answer.access_token !== 'string') {
    throw new SingleSignOnError(
      'token_refused',
      answer.error_description ?? answer.error ?? `HTTP ${response.status}`,
    );
  }
  return answer as TokenResponse;
}

/** A JWT's claims, unverified: only to compare the ID token's nonce with this tab's. */
function claimsOf(jwt: string): Record<string, unknown> | undefined {
  try {
    const payload = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
