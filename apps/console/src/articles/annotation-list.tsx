/**
 * The article's claims and corrections as a list of links: the keyboard's way to the
 * annotations marked in the text, each with its status and, for a claim, its rating in words.
 */
import { defineMessages } from '../i18n';
import { href } from '../router';
import type { ViewAnnotation } from './view-types';

const t = defineMessages({
  en: {
    claims: 'Claims',
    corrections: 'Corrections',
    noClaims: 'No claim on this revision yet.',
    noCorrections: 'No correction on this revision.',
    rating: 'Rating: {rating}',
    orphaned: 'Passage lost in a later revision',
    wholeArticle: 'Whole article',
    open: 'Open',
    assigned: 'Assigned',
    in_review: 'In review',
    published: 'Published',
    withdrawn: 'Withdrawn',
    proposed: 'Proposed',
    approved: 'Approved',
    rejected: 'Rejected',
    correction: 'Correction',
    clarification: 'Clarification',
    update: 'Update',
    editors_note: 'Editor’s note',
  },
  'zh-Hans': {
    claims: '说法',
    corrections: '更正',
    noClaims: '此修订版还没有说法。',
    noCorrections: '此修订版没有更正。',
    rating: '评级：{rating}',
    orphaned: '所指段落在之后的修订中已丢失',
    wholeArticle: '全文',
    open: '待处理',
    assigned: '已分配',
    in_review: '审核中',
    published: '已发布',
    withdrawn: '已撤回',
    proposed: '已提出',
    approved: '已批准',
    rejected: '已驳回',
    correction: '更正',
    clarification: '澄清',
    update: '更新',
    editors_note: '编者按',
  },
});

type Word = Parameters<typeof t>[0];

/** A status or kind in words; an unknown one as the server named it. */
export function wordFor(value: string): string {
  const word = t(value as Word);
  return word === value ? value.replace(/_/g, ' ') : word;
}

export interface AnnotationListProps {
  annotations: ViewAnnotation[];
  ratingLabel: (rating: string) => string;
  selectedIds: string[];
  lang?: string;
}

export function AnnotationList(props: AnnotationListProps) {
  const claims = props.annotations.filter((a) => a.type === 'claim');
  const corrections = props.annotations.filter((a) => a.type === 'correction');
  const selected = new Set(props.selectedIds);
  return (
    <>
      <h2 id="reader-claims">{t('claims')}</h2>
      {claims.length === 0 ? (
        <p>{t('noClaims')}</p>
      ) : (
        <ul class="plain annotations" aria-labelledby="reader-claims">
          {claims.map((claim) => (
            <li key={claim.id} class={selected.has(claim.id) ? 'selected' : undefined}>
              <a href={href(['claims', claim.id])} data-annotation={claim.id} lang={props.lang}>
                {claim.statement ?? claim.anchor?.exact ?? claim.id}
              </a>
              <span class="annotation-facts">
                <span class={`status status-${claim.status}`}>{wordFor(claim.status)}</span>
                {claim.rating && (
                  <span class="rating">
                    {t('rating', { rating: props.ratingLabel(claim.rating) })}
                  </span>
                )}
                {claim.anchor?.state === 'orphaned' && <span>{t('orphaned')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 id="reader-corrections">{t('corrections')}</h2>
      {corrections.length === 0 ? (
        <p>{t('noCorrections')}</p>
      ) : (
        <ul class="plain annotations" aria-labelledby="reader-corrections">
          {corrections.map((correction) => (
            <li key={correction.id} class={selected.has(correction.id) ? 'selected' : undefined}>
              <a href={href(['corrections', correction.id])} data-annotation={correction.id}>
                {wordFor(correction.kind ?? 'correction')}
                {correction.anchor ? (
                  <>
                    {': '}
                    <q lang={props.lang}>{correction.anchor.exact}</q>
                  </>
                ) : (
                  ` (${t('wholeArticle')})`
                )}
              </a>
              <span class="annotation-facts">
                <span class={`status status-${correction.status}`}>
                  {wordFor(correction.status)}
                </span>
                {correction.anchor?.state === 'orphaned' && <span>{t('orphaned')}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
