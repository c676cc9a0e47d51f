/**
 * Who is signed in. The token lives in this tab's sessionStorage (so a reload keeps it and
 * closing the tab forgets it) and in memory; never in a URL, never in localStorage.
 */
import { useEffect, useState } from 'preact/hooks';

export type Role = 'editor' | 'fact_checker' | 'standards_editor' | 'auditor' | 'admin';
export const ROLES: Role[] = ['editor', 'fact_checker', 'standards_editor', 'auditor', 'admin'];

export interface Session {
  token: string;
  sub: string;
  name: string | undefined;
  roles: Role[];
  /** Seconds since the epoch. */
  exp: number;
  /** How the token came: pasted (or a development token) or single sign-on. */
  via: 'token' | 'oidc';
}

const STORAGE_KEY = 'marginalia.session';

export class TokenShapeError extends Error {}

/** Reads the claims of a JWT without verifying it: the API verifies every request. */
export function sessionOf(token: string, via: Session['via']): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const parts = trimmed.split('.');
  if (parts.length !== 3) throw new TokenShapeError('not_a_jwt');
  let claims: Record<string, unknown>;
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new TokenShapeError('not_a_jwt');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new TokenShapeError('no_sub');
  if (typeof claims.exp !== 'number') throw new TokenShapeError('no_exp');
  if (claims.exp * 1000 <= Date.now()) throw new TokenShapeError('expired');
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((role): role is Role => ROLES.includes(role as Role))
    : [];
  if (roles.length === 0) throw new TokenShapeError('no_roles');
  return {
    token: trimmed,
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    roles,
    exp: claims.exp,
    via,
  };
}

let current: Session | undefined = restore();
const listeners = new Set<(session: Session | undefined) => void>();

function restore(): Session | undefined {
  try {
    const kept = sessionStorage.getItem(STORAGE_KEY);
    if (!kept) return undefined;
    const { token, via } = JSON.parse(kept) as { token: string; via: Session['via'] };
    return sessionOf(token, via);
  } catch {
    return undefined;
  }
}

export function session(): Session | undefined {
  if (current && current.exp * 1000 <= Date.now()) signOut();
  return current;
}

export function signIn(next: Session): void {
  current = next;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: next.token, via: next.via }));
  for (const listener of listeners) listener(current);
}

export function signOut(): void {
  current = undefined;
  sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(undefined);
}

export function onSessionChange(listener: (session: Session | undefined) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useSession(): Session | undefined {
  const [value, setValue] = useState(current);
  useEffect(() => onSessionChange(setValue), []);
  return value;
}

export function hasRole(s: Session | undefined, ...roles: Role[]): boolean {
  return s !== undefined && s.roles.some((role) => roles.includes(role));
}

/** What a role may do (SPEC §1); the server decides, the console only hides dead ends. */
export const can = {
  capture: (s?: Session) => hasRole(s, 'editor', 'fact_checker', 'standards_editor'),
  assignAny: (s?: Session) => hasRole(s, 'editor', 'standards_editor'),
  assignSelf: (s?: Session) => hasRole(s, 'editor', 'fact_checker', 'standards_editor'),
  withdrawClaim: (s?: Session) => hasRole(s, 'editor', 'standards_editor'),
  draftVerdict: (s?: Session) => hasRole(s, 'fact_checker', 'standards_editor'),
  review: (s?: Session) => hasRole(s, 'standards_editor'),
  propose: (s?: Session) => hasRole(s, 'editor', 'standards_editor'),
  audit: (s?: Session) => hasRole(s, 'auditor', 'standards_editor', 'admin'),
  feed: (s?: Session) => hasRole(s, 'auditor', 'admin'),
};
