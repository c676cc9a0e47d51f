import { type Actor, isSystem, type Role } from './actor';
import { refuse } from './domain-error';

/**
 * What each role may do (SPEC §1). A standards editor may everything an editor and a
 * fact-checker may. The API's route guards read this same table, so the two cannot disagree.
 */
const EDITOR: readonly Role[] = ['editor', 'standards_editor'];
const FACT_CHECKER: readonly Role[] = ['fact_checker', 'standards_editor'];
const NEWSROOM: readonly Role[] = ['editor', 'fact_checker', 'standards_editor'];
const STANDARDS: readonly Role[] = ['standards_editor'];

export const PERMISSIONS = {
  'article.import': EDITOR,
  'article.revise': EDITOR,
  'article.withdraw': EDITOR,
  'claim.capture': NEWSROOM,
  'claim.edit': NEWSROOM,
  'claim.assign': NEWSROOM,
  /** Editors assign anyone; a fact-checker only takes a claim for themselves (SPEC §8). */
  'claim.assign_others': EDITOR,
  'claim.withdraw': EDITOR,
  'verdict.draft': FACT_CHECKER,
  'verdict.submit': FACT_CHECKER,
  'verdict.approve': STANDARDS,
  'verdict.reject': STANDARDS,
  'verdict.retract': STANDARDS,
  'correction.propose': EDITOR,
  'correction.amend': EDITOR,
  'correction.withdraw': EDITOR,
  'correction.approve': STANDARDS,
  'correction.reject': STANDARDS,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function may(actor: Actor, action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return actor.roles.some((role) => allowed.includes(role));
}

export function authorize(actor: Actor, action: Action): void {
  if (!may(actor, action)) {
    refuse('forbidden', `${actor.sub} may not ${action.replace('.', ' ')}`, { action });
  }
}

/** Work only the process managers do (applying corrections, re-anchoring). */
export function authorizeSystem(actor: Actor, what: string): void {
  if (!isSystem(actor)) refuse('forbidden', `Only the system may ${what}`);
}
