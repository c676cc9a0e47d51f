import { type Role } from '@marginalia/domain';
import { users } from '../../support/admin-api';
import {
  COAL_CLAIM,
  CORPUS_000,
  importBody,
  PASSAGE,
  type SeededIds,
  verdictBody,
} from './newsroom-fixture';

type Who = 'public' | 'any' | Role[];

/**
 * SPEC §6's route table, column "who", written out as SPEC says it. Every operation of the
 * OpenAPI document must be here (and nothing else), so a new route fails the security specs
 * until someone classifies it.
 */
export const SPEC_ROUTES: Record<string, Who> = {
  'GET /health': 'public',
  'POST /v1/articles': ['editor'],
  'GET /v1/articles': 'any',
  'GET /v1/articles/{id}': 'any',
  'GET /v1/articles/{id}/text': 'any',
  'POST /v1/articles/{id}/revisions': ['editor'],
  'POST /v1/articles/{id}/claims': ['editor', 'fact_checker'],
  'GET /v1/claims': 'any',
  'GET /v1/claims/{id}': 'any',
  'PATCH /v1/claims/{id}': ['editor', 'fact_checker'],
  // "editor; fact_checker for self": the role may call it; naming another user is a 403 of the
  // domain, tested in claims-refusals.
  'POST /v1/claims/{id}/assignment': ['editor', 'fact_checker'],
  'POST /v1/claims/{id}/withdrawal': ['editor'],
  'POST /v1/claims/{id}/verdict': ['fact_checker'],
  'POST /v1/claims/{id}/verdict/submit': ['fact_checker'],
  'POST /v1/claims/{id}/verdict/approve': ['standards_editor'],
  'POST /v1/claims/{id}/verdict/reject': ['standards_editor'],
  'POST /v1/claims/{id}/verdict/retract': ['standards_editor'],
  'GET /v1/claims/{id}/claim-review': 'any',
  'POST /v1/articles/{id}/corrections': ['editor'],
  'GET /v1/corrections': 'any',
  'GET /v1/corrections/{id}': 'any',
  'PATCH /v1/corrections/{id}': ['editor'],
  'POST /v1/corrections/{id}/approve': ['standards_editor'],
  'POST /v1/corrections/{id}/reject': ['standards_editor'],
  'POST /v1/corrections/{id}/withdrawal': ['editor'],
  'GET /v1/articles/{id}/view': 'any',
  'GET /v1/articles/{id}/history': ['auditor', 'standards_editor', 'admin'],
  'GET /v1/claims/{id}/history': ['auditor', 'standards_editor', 'admin'],
  'GET /v1/corrections/{id}/history': ['auditor', 'standards_editor', 'admin'],
  'GET /v1/events': ['auditor', 'admin'],
  'GET /v1/events/stream': ['auditor', 'admin'],
  // Not in SPEC §6: the console's live changes (positions, streams and types only).
  'GET /v1/changes/stream': 'any',
  'GET /v1/admin/integrity': ['auditor', 'admin'],
  'POST /v1/admin/projections/rebuild': ['admin'],
  // SPEC §9's table: the verifiable log.
  'GET /v1/log/key': 'public',
  'GET /v1/log/checkpoint': 'any',
  'GET /v1/log/checkpoints': ['auditor', 'admin'],
  'POST /v1/admin/log/checkpoints': ['admin'],
  'GET /v1/log/proofs/inclusion': ['auditor', 'admin'],
  'GET /v1/log/proofs/consistency': ['auditor', 'admin'],
  // Not in SPEC §6: the scrape of docs/operations.md, guarded as §1 guards every route.
  'GET /metrics': ['auditor', 'admin'],
};

export const ALL_ROLES = Object.keys(users) as Role[];

/**
 * The roles that may call a route: SPEC §6's column, widened by §1 ("`standards_editor`:
 * everything an editor and a fact-checker may").
 */
export function allowedRoles(key: string): Role[] | 'public' {
  const who = SPEC_ROUTES[key];
  if (who === undefined) throw new Error(`${key} is not in SPEC §6's table (routes.ts)`);
  if (who === 'public') return 'public';
  if (who === 'any') return [...ALL_ROLES];
  const widened = who.some((role) => role === 'editor' || role === 'fact_checker');
  return ALL_ROLES.filter((role) => who.includes(role) || (widened && role === 'standards_editor'));
}

/**
 * A valid body for every mutation: sent with a stale `If-Match` it passes every check of the
 * request and reaches the store, which refuses the append (412 version_mismatch); so a refusal
 * of a body built from it is caused by what a spec changed, nothing else. A mutation without a
 * request body in the OpenAPI document takes `{}`. A new mutation fails the specs until it has
 * an entry here.
 */
export function validBodies(ids: SeededIds): Record<string, unknown> {
  return {
    'POST /v1/articles': importBody('never-imported'),
    'POST /v1/articles/{id}/revisions': {
      content: `${CORPUS_000}\n(来源页面补充了统计口径)`,
      format: 'text',
      reason: '来源页面补充了统计口径',
    },
    'POST /v1/articles/{id}/claims': {
      revision: 1,
      selector: { exact: COAL_CLAIM, prefix: '安全稳定供应。', suffix: ',发电量' },
      statement: '山西省2023年煤炭产量达到13.78亿吨',
      claimant: '金湘军',
      topics: ['能源', '煤炭产量'],
    },
    'PATCH /v1/claims/{id}': {
      statement: '山西省2023年原煤产量达到13.78亿吨',
      claimant: '金湘军',
      topics: ['能源'],
    },
    'POST /v1/claims/{id}/assignment': { assignee: users.fact_checker.sub },
    'POST /v1/claims/{id}/withdrawal': { reason: '重复标注' },
    'POST /v1/claims/{id}/verdict': verdictBody,
    'POST /v1/claims/{id}/verdict/submit': {},
    'POST /v1/claims/{id}/verdict/approve': {},
    'POST /v1/claims/{id}/verdict/reject': { reason: '请补充第二个来源' },
    'POST /v1/claims/{id}/verdict/retract': { reason: '统计局修订了数据' },
    'POST /v1/articles/{id}/corrections': {
      revision: 1,
      selector: { exact: PASSAGE },
      kind: 'clarification',
      replacement: '山西代表团媒体开放活动',
      notice: '标题用语已澄清。',
      claimId: ids.claimId,
    },
    'PATCH /v1/corrections/{id}': {
      selector: { exact: PASSAGE },
      revision: 1,
      replacement: '山西代表团开放日',
      notice: '标题用语已更正。',
    },
    'POST /v1/corrections/{id}/approve': {},
    'POST /v1/corrections/{id}/reject': { reason: '无需更正' },
    'POST /v1/corrections/{id}/withdrawal': { reason: '来源已自行更正' },
    'POST /v1/admin/projections/rebuild': {},
    'POST /v1/admin/log/checkpoints': {},
  };
}

/**
 * Mutations that append nothing and take no If-Match, with the status that accepts their valid
 * body. Every other mutation sends a command, whose append a stale If-Match refuses (412).
 */
const APPENDING_NOTHING: Record<string, number> = {
  'POST /v1/admin/projections/rebuild': 200,
  'POST /v1/admin/log/checkpoints': 201,
};
export const APPENDS_NOTHING = new Set(Object.keys(APPENDING_NOTHING));

/** What the valid body of a mutation answers with `If-Match: "999"`. */
export function acceptedWithStaleIfMatch(key: string): { status: number; code?: string } {
  const accepted = APPENDING_NOTHING[key];
  return accepted ? { status: accepted } : { status: 412, code: 'version_mismatch' };
}

/** The caller of a route in the specs: a standards editor where allowed, else the first role. */
export function callerOf(key: string): Role {
  const roles = allowedRoles(key);
  if (roles === 'public') throw new Error(`${key} is public`);
  return roles.includes('standards_editor') ? 'standards_editor' : roles[0]!;
}

/** SPEC §6: imports and re-imports may be 5 MiB, every other body 1 MiB. */
export function bodyLimitOf(key: string): number {
  const MiB = 1024 * 1024;
  return key === 'POST /v1/articles' || key === 'POST /v1/articles/{id}/revisions' ? 5 * MiB : MiB;
}
