import { SignJWT } from 'jose';
import { type Actor, ROLES, type Role } from '@marginalia/domain';

export const DAY_SECONDS = 24 * 60 * 60;

/** An HS256 token for an actor, as the development default and `mint-token` give out. */
export function mintToken(
  secret: string,
  actor: Actor,
  options: { ttlSeconds: number; now?: Date },
): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    roles: [...actor.roles],
    ...(actor.name !== undefined ? { name: actor.name } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** One ready actor per role, for the tokens printed at start in development. */
export function developmentActors(): Array<Actor & { roles: [Role] }> {
  return ROLES.map((role) => ({
    sub: `dev-${role.replace(/_/g, '-')}`,
    name: `Development ${role.replace(/_/g, ' ')}`,
    roles: [role],
  }));
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY_SECONDS };

/** `90s`, `30m`, `24h`, `7d` (or plain seconds) as seconds; at most a year. */
export function parseTtl(text: string): number {
  const match = /^(\d{1,6})([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNITS[match[2] || 's'] ?? 1) : NaN;
  if (!(seconds > 0 && seconds <= 365 * DAY_SECONDS)) {
    throw new Error(
      `--ttl must be like 90s, 30m, 24h or 7d (at most 365d), not ${JSON.stringify(text)}`,
    );
  }
  return seconds;
}

/** Role names from `editor,fact_checker`, each known. */
export function parseRoles(text: string): Role[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(
      `--roles must list roles among ${ROLES.join(', ')}` +
        (unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  return [...new Set(names)] as Role[];
}
