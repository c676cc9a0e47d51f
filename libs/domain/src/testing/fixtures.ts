import { textSha256 } from '@marginalia/text';
import type { ArticleEvent, ArticleImported } from '../article/article.events';
import type { CaptureClaim, DraftVerdict } from '../claim/claim.commands';
import type { ClaimCaptured, ClaimEvent, VerdictSource } from '../claim/claim.events';
import type { ProposeCorrection } from '../correction/correction.commands';
import type { CorrectionEvent, CorrectionProposed } from '../correction/correction.events';
import type { Actor } from '../shared/actor';
import type { Anchor, ReanchorMethod } from '../shared/anchor';
import type { AnnotationEvent } from '../shared/annotation-events';
import { coalAnchor, editor, factChecker, ids, pinyinAnchor, standardsEditor } from './newsroom';

export * from './newsroom';

export function articleImported(
  articleId: string,
  text: string,
  overrides: Partial<ArticleImported> = {},
): ArticleEvent {
  return {
    type: 'ArticleImported',
    data: {
      articleId,
      title: '7个关键词,来看山西代表团媒体开放日',
      language: 'zh-Hans',
      format: 'text',
      source: { url: null, publisher: '山西日报客户端', publishedAt: '2024-03-08T10:29:15+08:00' },
      externalId: null,
      raw: text,
      text,
      textSha256: textSha256(text),
      revision: 1,
      metadata: {},
      ...overrides,
    },
  };
}

export function articleReimported(articleId: string, revision: number, text: string): ArticleEvent {
  return {
    type: 'ArticleRevised',
    data: {
      articleId,
      revision,
      text,
      textSha256: textSha256(text),
      cause: { kind: 're_import' },
      reason: '来源页面已更新',
      raw: text,
      format: 'text',
      correction: null,
    },
  };
}

export const coalSources: VerdictSource[] = [
  {
    url: 'https://tjj.shanxi.gov.cn/tjsj/tjgb/202403/t20240319_9522751.shtml',
    title: '2023年山西省国民经济和社会发展统计公报',
    quote: '全年原煤产量13.78亿吨',
    accessedAt: '2024-03-20',
  },
];

export function captureClaim(actor: Actor, overrides: Partial<CaptureClaim> = {}): CaptureClaim {
  return {
    type: 'CaptureClaim',
    claimId: ids.claim,
    articleId: ids.coalArticle,
    anchor: coalAnchor,
    statement: '山西2023年煤炭产量达到13.78亿吨',
    claimant: '山西代表团',
    topics: ['能源', '煤炭'],
    followedTo: null,
    actor,
    ...overrides,
  };
}

export function draftVerdict(actor: Actor, overrides: Partial<DraftVerdict> = {}): DraftVerdict {
  return {
    type: 'DraftVerdict',
    claimId: ids.claim,
    rating: 'true',
    summary: '山西省统计公报显示,2023年全省原煤产量为13.78亿吨,与代表团的说法一致。',
    rationale: '核对了省统计局公报与国家统计局分省数据。',
    sources: coalSources,
    actor,
    ...overrides,
  };
}

const claimId = ids.claim;

/** The claim's events, one builder per type, with the sample claim and verdict as defaults. */
export const claimWas = {
  captured: (overrides: Partial<ClaimCaptured> = {}): ClaimEvent => ({
    type: 'ClaimCaptured',
    data: {
      claimId,
      articleId: ids.coalArticle,
      anchor: coalAnchor,
      statement: '山西2023年煤炭产量达到13.78亿吨',
      claimant: '山西代表团',
      topics: ['能源', '煤炭'],
      ...overrides,
    },
  }),
  assigned: (assignee: string): ClaimEvent => ({
    type: 'ClaimAssigned',
    data: { claimId, assignee },
  }),
  withdrawn: (reason = '与另一条核查重复'): ClaimEvent => ({
    type: 'ClaimWithdrawn',
    data: { claimId, reason },
  }),
  drafted: (
    verdictVersion: number,
    draftedBy: string,
    overrides: Partial<Pick<DraftVerdict, 'rating' | 'summary' | 'rationale' | 'sources'>> = {},
  ): ClaimEvent => {
    const { rating, summary, rationale, sources } = draftVerdict(factChecker, overrides);
    return {
      type: 'VerdictDrafted',
      data: { claimId, verdictVersion, rating, summary, rationale, sources, draftedBy },
    };
  },
  submitted: (verdictVersion: number, submittedBy: string): ClaimEvent => ({
    type: 'VerdictSubmitted',
    data: { claimId, verdictVersion, submittedBy },
  }),
  rejected: (
    verdictVersion: number,
    rejectedBy: string,
    reason = '请补充国家统计局数据',
  ): ClaimEvent => ({
    type: 'VerdictRejected',
    data: { claimId, verdictVersion, reason, rejectedBy },
  }),
  /** VerdictApproved then VerdictPublished, as ApproveVerdict records them. */
  published: (
    verdictVersion: number,
    approvedBy: string,
    supersedes: number | null = null,
    rating = 'true',
  ): ClaimEvent[] => {
    const { summary, rationale, sources } = draftVerdict(factChecker);
    return [
      { type: 'VerdictApproved', data: { claimId, verdictVersion, approvedBy } },
      {
        type: 'VerdictPublished',
        data: { claimId, verdictVersion, rating, summary, rationale, sources, supersedes },
      },
    ];
  },
  retracted: (
    verdictVersion: number,
    retractedBy: string,
    reason = '统计口径有误',
  ): ClaimEvent => ({
    type: 'VerdictRetracted',
    data: { claimId, verdictVersion, reason, retractedBy },
  }),
};

export const PINYIN_NOTICE = '本文此前将“推動”误作“推動(dòng)”,系繁简转换残留,现已更正。';

export function proposeCorrection(
  actor: Actor,
  overrides: Partial<ProposeCorrection> = {},
): ProposeCorrection {
  return {
    type: 'ProposeCorrection',
    correctionId: ids.correction,
    articleId: ids.yangquanArticle,
    anchor: pinyinAnchor,
    kind: 'correction',
    replacement: '推動',
    notice: PINYIN_NOTICE,
    claimId: null,
    followedTo: null,
    actor,
    ...overrides,
    // A named claim is on the proposal's article unless a spec says otherwise.
    claimArticleId:
      overrides.claimArticleId !== undefined
        ? overrides.claimArticleId
        : overrides.claimId
          ? (overrides.articleId ?? ids.yangquanArticle)
          : null,
  };
}

const correctionId = ids.correction;

export const correctionWas = {
  proposed: (overrides: Partial<CorrectionProposed> = {}): CorrectionEvent => ({
    type: 'CorrectionProposed',
    data: {
      correctionId,
      articleId: ids.yangquanArticle,
      anchor: pinyinAnchor,
      kind: 'correction',
      replacement: '推動',
      notice: PINYIN_NOTICE,
      claimId: null,
      proposedBy: editor.sub,
      ...overrides,
    },
  }),
  amended: (
    amendedBy: string,
    changes: { replacement?: string | null; notice?: string } = {},
  ): CorrectionEvent => ({
    type: 'CorrectionAmended',
    data: { correctionId, ...changes, amendedBy },
  }),
  approved: (approvedBy = standardsEditor.sub): CorrectionEvent => ({
    type: 'CorrectionApproved',
    data: { correctionId, approvedBy },
  }),
  rejected: (rejectedBy = standardsEditor.sub, reason = '原文即如此'): CorrectionEvent => ({
    type: 'CorrectionRejected',
    data: { correctionId, reason, rejectedBy },
  }),
  withdrawn: (reason = '已由另一更正覆盖'): CorrectionEvent => ({
    type: 'CorrectionWithdrawn',
    data: { correctionId, reason },
  }),
  published: (revision: number, anchor: Anchor | null): CorrectionEvent => ({
    type: 'CorrectionPublished',
    data: {
      correctionId,
      articleId: ids.yangquanArticle,
      revision,
      kind: 'correction',
      notice: PINYIN_NOTICE,
      anchor,
    },
  }),
};

/** The annotation events re-anchoring records, for either aggregate. */
export const annotationWas = {
  reanchored: (
    annotationId: string,
    fromRevision: number,
    anchor: Anchor,
    method: ReanchorMethod = 'shifted',
    score = 1,
  ): AnnotationEvent => ({
    type: 'AnnotationReanchored',
    data: { annotationId, fromRevision, anchor, method, score },
  }),
  orphaned: (
    annotationId: string,
    last: Anchor,
    revision: number,
    reason = 'passage_removed',
    score = 0,
  ): AnnotationEvent => ({
    type: 'AnnotationOrphaned',
    data: {
      annotationId,
      fromRevision: last.revision,
      revision,
      reason,
      score,
      anchor: { ...last, state: 'orphaned' },
    },
  }),
};

/** The sample claim at each step of its workflow: fact-checker 赵磊 drafts, 王芳 approves. */
export const claimHistory = (() => {
  const open = [claimWas.captured()];
  const assigned = [...open, claimWas.assigned(factChecker.sub)];
  const drafted = [...assigned, claimWas.drafted(1, factChecker.sub)];
  const inReview = [...drafted, claimWas.submitted(1, factChecker.sub)];
  const published = [...inReview, ...claimWas.published(1, standardsEditor.sub)];
  return { open, assigned, drafted, inReview, published };
})();
