/** A correction as `GET /v1/corrections/{id}` answers it, and the words for its kinds and states. */
import { defineMessages } from '../i18n';
import type { Anchor } from '../articles/view-types';

export const CORRECTION_KINDS = ['correction', 'clarification', 'update', 'editors_note'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export type CorrectionStatus = 'proposed' | 'approved' | 'published' | 'rejected' | 'withdrawn';

export interface Correction {
  id: string;
  articleId: string;
  status: CorrectionStatus;
  kind: CorrectionKind;
  anchor: Anchor | null;
  replacement: string | null;
  notice: string;
  claimId: string | null;
  publishedRevision: number | null;
  publishedAt: string | null;
  proposedBy: string;
  proposedAt: string;
  /** Who proposed or amended it: none of them may approve it (the four-eyes rule). */
  authors: string[];
  version: number;
}

const t = defineMessages({
  en: {
    correction: 'Correction',
    clarification: 'Clarification',
    update: 'Update',
    editors_note: 'Editor’s note',
    proposed: 'Proposed',
    approved: 'Approved, being published',
    published: 'Published',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
  },
  'zh-Hans': {
    correction: '更正',
    clarification: '澄清',
    update: '更新',
    editors_note: '编者按',
    proposed: '已提出',
    approved: '已批准，正在发布',
    published: '已发布',
    rejected: '已驳回',
    withdrawn: '已撤回',
  },
});

export function kindName(kind: string): string {
  return t(kind as CorrectionKind);
}

export function statusName(status: string): string {
  return t(status as CorrectionStatus);
}
