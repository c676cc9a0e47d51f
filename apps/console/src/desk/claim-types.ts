/** A claim as `GET /v1/claims/{id}` answers it (libs/editorial/src/claims/claim.response.dto.ts). */
import { defineMessages } from '../i18n';
import type { Anchor } from '../articles/view-types';

export type ClaimStatus = 'open' | 'assigned' | 'in_review' | 'published' | 'withdrawn';

export interface VerdictSource {
  url: string;
  title: string;
  quote?: string;
  accessedAt: string;
}

export interface VerdictDraft {
  version: number;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
  /** Everyone who wrote this version: none of them may approve it (the four-eyes rule). */
  drafters: string[];
  submitted: boolean;
  rejection: { reason: string; by: string } | null;
}

export interface PublishedVerdict {
  version: number;
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
  publishedAt: string | null;
}

export type VerdictStep =
  'drafted' | 'submitted' | 'approved' | 'rejected' | 'published' | 'retracted';

export interface VerdictHistoryEntry {
  verdictVersion: number;
  step: VerdictStep;
  by: string;
  at: string;
  position: number;
  rating?: string;
  reason?: string;
}

export interface Claim {
  id: string;
  articleId: string;
  anchor: Anchor;
  status: ClaimStatus;
  assignee: string | null;
  statement: string;
  claimant: string | null;
  topics: string[];
  draft: VerdictDraft | null;
  publishedVerdict: PublishedVerdict | null;
  verdictHistory: VerdictHistoryEntry[];
  capturedBy: string;
  capturedAt: string;
  updatedAt: string;
  version: number;
}

/** The public summary's limit, in characters (code points), as the server counts (SPEC §5). */
export const SUMMARY_MAX = 280;

/** Characters as the server counts them: code points, so an emoji or a CJK Extension B character is one. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const t = defineMessages({
  en: {
    open: 'Open',
    assigned: 'Assigned',
    in_review: 'In review',
    published: 'Published',
    withdrawn: 'Withdrawn',
    drafted: 'Drafted',
    submitted: 'Submitted for review',
    approved: 'Approved',
    rejected: 'Rejected',
    retracted: 'Retracted',
  },
  'zh-Hans': {
    open: '待处理',
    assigned: '已分派',
    in_review: '审核中',
    published: '已发布',
    withdrawn: '已撤回',
    drafted: '已起草',
    submitted: '已提交审核',
    approved: '已批准',
    rejected: '已驳回',
    retracted: '已撤销',
  },
});

export function claimStatusName(status: string): string {
  return t(status as ClaimStatus);
}

export function verdictStepName(step: string): string {
  return t(step as VerdictStep);
}
