/** The log's event types (SPEC §4) in words, in both languages; an unknown type keeps its name. */
import { locale } from '../i18n';

export const EVENT_TYPES = [
  'ArticleImported',
  'ArticleRevised',
  'ArticleWithdrawn',
  'ClaimCaptured',
  'ClaimEdited',
  'ClaimAssigned',
  'ClaimWithdrawn',
  'VerdictDrafted',
  'VerdictSubmitted',
  'VerdictApproved',
  'VerdictRejected',
  'VerdictPublished',
  'VerdictRetracted',
  'CorrectionProposed',
  'CorrectionAmended',
  'CorrectionApproved',
  'CorrectionRejected',
  'CorrectionPublished',
  'CorrectionWithdrawn',
  'AnnotationReanchored',
  'AnnotationOrphaned',
] as const;

type EventType = (typeof EVENT_TYPES)[number];

const WORDS: Record<'en' | 'zh-Hans', Record<EventType, string>> = {
  en: {
    ArticleImported: 'Article imported',
    ArticleRevised: 'Article revised',
    ArticleWithdrawn: 'Article withdrawn',
    ClaimCaptured: 'Claim captured',
    ClaimEdited: 'Claim edited',
    ClaimAssigned: 'Claim assigned',
    ClaimWithdrawn: 'Claim withdrawn',
    VerdictDrafted: 'Verdict drafted',
    VerdictSubmitted: 'Verdict submitted for review',
    VerdictApproved: 'Verdict approved',
    VerdictRejected: 'Verdict rejected',
    VerdictPublished: 'Verdict published',
    VerdictRetracted: 'Verdict retracted',
    CorrectionProposed: 'Correction proposed',
    CorrectionAmended: 'Correction amended',
    CorrectionApproved: 'Correction approved',
    CorrectionRejected: 'Correction rejected',
    CorrectionPublished: 'Correction published',
    CorrectionWithdrawn: 'Correction withdrawn',
    AnnotationReanchored: 'Annotation re-anchored',
    AnnotationOrphaned: 'Annotation orphaned',
  },
  'zh-Hans': {
    ArticleImported: '文章已导入',
    ArticleRevised: '文章已修订',
    ArticleWithdrawn: '文章已撤下',
    ClaimCaptured: '已记录说法',
    ClaimEdited: '说法已编辑',
    ClaimAssigned: '说法已分派',
    ClaimWithdrawn: '说法已撤回',
    VerdictDrafted: '已起草结论',
    VerdictSubmitted: '结论已提交审核',
    VerdictApproved: '结论已批准',
    VerdictRejected: '结论被驳回',
    VerdictPublished: '结论已发布',
    VerdictRetracted: '结论已撤销',
    CorrectionProposed: '已提出更正',
    CorrectionAmended: '更正已修改',
    CorrectionApproved: '更正已批准',
    CorrectionRejected: '更正被驳回',
    CorrectionPublished: '更正已发布',
    CorrectionWithdrawn: '更正已撤回',
    AnnotationReanchored: '标注已重新锚定',
    AnnotationOrphaned: '标注失去锚点',
  },
};

export function eventTypeLabel(type: string): string {
  return WORDS[locale()][type as EventType] ?? type;
}
