/**
 * Single sign-on by OpenID Connect, authorization code with PKCE (RFC 7636), for a public
 * client in the browser. Filled in by the single sign-on work; the start page calls these.
 */
import type { ConsoleConfig } from '../config';
import type { Session } from '../session';

/** Sends the browser to the provider's authorization endpoint. */
export function startSingleSignOn(_oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  return Promise.reject(new Error('single sign-on is not built yet'));
}

/**
 * On the way back (`?code=…&state=…` on /console/), exchanges the code for tokens and answers
 * the session, or undefined when this page load is not a sign-in's return.
 */
export function completeSingleSignOn(
  _oidc: NonNullable<ConsoleConfig['oidc']> | undefined,
): Promise<Session | undefined> {
  return Promise.resolve(undefined);
}
