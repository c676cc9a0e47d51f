export const ROLES = ['editor', 'fact_checker', 'standards_editor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a user from a token, or the system's process managers. */
export interface Actor {
  sub: string;
  name?: string;
  roles: readonly Role[];
}

/** The process managers, recorded as `system` on the events they append (SPEC §4). */
export const SYSTEM_ACTOR: Actor = { sub: 'system', roles: [] };

export function isSystem(actor: Actor): boolean {
  return actor.sub === SYSTEM_ACTOR.sub && actor.roles.length === 0;
}
