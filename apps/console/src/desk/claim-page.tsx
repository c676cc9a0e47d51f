/**
 * One claim: its anchor in the article, status, assignee, statement, claimant; the actions its
 * reader's roles allow in its state (assign, withdraw, draft, submit, approve, reject,
 * retract); the verdict that stands, the history of its verdicts, and the ClaimReview that
 * search engines would read. It follows the claim's stream live.
 */
import { useState } from 'preact/hooks';
import { path } from '../api';
import { useRatings } from '../articles/ratings';
import { useApi } from '../hooks';
import { defineMessages, formatDate, formatDateTime, useLocale } from '../i18n';
import { href } from '../router';
import { can, useSession } from '../session';
import { ErrorMessage, Loading, Notice } from '../shell/ui';
import { AssignClaim, WithdrawClaim } from './claim-actions';
import { ClaimReviewPreview } from './claim-review-preview';
import {
  type Claim,
  claimStatusName,
  type PublishedVerdict,
  type VerdictDraft,
  type VerdictSource,
  verdictStepName,
} from './claim-types';
import { RetractVerdict, ReviewActions } from './review-actions';
import { VerdictForm } from './verdict-form';

const t = defineMessages({
  en: {
    title: 'Claim',
    back: 'Back to the claim desk',
    anchor: 'Where it is',
    inArticle: 'In {title}',
    readArticle: 'Open in the reader',
    revision: 'Revision {revision}',
    anchored: 'anchored',
    orphaned: 'orphaned: its passage was lost in a later revision',
    status: 'Status',
    assignee: 'Assignee',
    unassigned: 'Unassigned',
    statement: 'Statement',
    claimant: 'Claimant',
    none: '—',
    captured: 'Captured',
    capturedBy: '{who}, {when}',
    submittedDraft: 'Submitted verdict (version {version})',
    draftedBy: 'Drafted by {who}',
    published: 'Published verdict (version {version})',
    publishedAt: 'Published {when}',
    rating: 'Rating',
    summary: 'Summary',
    rationale: 'Rationale',
    sources: 'Sources',
    accessed: 'accessed {date}',
    history: 'Verdict history',
    noHistory: 'No verdict yet.',
    version: 'Version',
    step: 'Step',
    by: 'By',
    when: 'When',
    details: 'Details',
    newVerdict: 'Write a new verdict (version {version})',
  },
  'zh-Hans': {
    title: '说法详情',
    back: '返回核查台',
    anchor: '所在位置',
    inArticle: '出自《{title}》',
    readArticle: '在阅读器中打开',
    revision: '第 {revision} 版',
    anchored: '已锚定',
    orphaned: '已失锚：所在段落在之后的修订中丢失',
    status: '状态',
    assignee: '负责人',
    unassigned: '未分派',
    statement: '说法',
    claimant: '说法提出者',
    none: '—',
    captured: '记录于',
    capturedBy: '{who}，{when}',
    submittedDraft: '已提交的结论（第 {version} 版）',
    draftedBy: '起草人：{who}',
    published: '已发布的结论（第 {version} 版）',
    publishedAt: '发布于 {when}',
    rating: '评级',
    summary: '摘要',
    rationale: '理由',
    sources: '来源',
    accessed: '访问于 {date}',
    history: '结论历史',
    noHistory: '尚无结论。',
    version: '版本',
    step: '步骤',
    by: '操作人',
    when: '时间',
    details: '详情',
    newVerdict: '撰写新结论（第 {version} 版）',
  },
});

interface ArticleMeta {
  title: string;
  language: string;
}

export function ClaimPage(props: { claimId: string }) {
  useLocale();
  const session = useSession();
  const loaded = useApi<Claim>(
    path.claim(props.claimId),
    (change) => change.streamId === `claim-${props.claimId}`,
  );
  // The answer of the person's own action, until the reload catches up with it.
  const [latest, setLatest] = useState<Claim | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const claim =
    latest && loaded.data && latest.version > loaded.data.version
      ? latest
      : (loaded.data ?? latest);
  const article = useApi<ArticleMeta>(claim ? path.article(claim.articleId) : undefined);

  const onChanged = (next: Claim, message?: string) => {
    setLatest(next);
    setNotice(message);
    loaded.reload();
  };

  return (
    <div class="page claim-page">
      <p>
        <a href={href(['desk'])}>{t('back')}</a>
      </p>
      <h1>{t('title')}</h1>
      <Loading when={loaded.loading && !claim} />
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {notice && <Notice>{notice}</Notice>}
      {claim && (
        <div class="layout">
          <div>
            <ClaimFacts claim={claim} article={article.data} />
            {claim.draft?.submitted && (
              <VerdictView
                heading={t('submittedDraft', { version: claim.draft.version })}
                verdict={claim.draft}
                lang={article.data?.language}
              />
            )}
            {claim.publishedVerdict && (
              <VerdictView
                heading={t('published', { version: claim.publishedVerdict.version })}
                verdict={claim.publishedVerdict}
                lang={article.data?.language}
              />
            )}
            <VerdictHistory claim={claim} />
            {claim.publishedVerdict && (
              <ClaimReviewPreview
                key={`${claim.publishedVerdict.version}-${claim.publishedVerdict.publishedAt}`}
                claimId={claim.id}
              />
            )}
          </div>
          <div class="claim-side">
            {claim.status !== 'withdrawn' && (
              <AssignClaim key={claim.assignee ?? ''} claim={claim} onChanged={onChanged} />
            )}
            {can.review(session) && claim.draft?.submitted && (
              <ReviewActions claim={claim} onChanged={onChanged} />
            )}
            {can.draftVerdict(session) &&
              claim.status !== 'withdrawn' &&
              !claim.draft?.submitted &&
              (claim.publishedVerdict && !claim.draft ? (
                // A published verdict stands: a new one is a deliberate step, folded away.
                <details class="new-verdict">
                  <summary>
                    {t('newVerdict', { version: claim.publishedVerdict.version + 1 })}
                  </summary>
                  <VerdictForm
                    key={claim.publishedVerdict.version}
                    claim={claim}
                    onChanged={onChanged}
                  />
                </details>
              ) : (
                <VerdictForm
                  // A new form for each verdict version's cycle; kept while its draft is saved.
                  key={claim.publishedVerdict?.version ?? 0}
                  claim={claim}
                  onChanged={onChanged}
                />
              ))}
            {can.review(session) && claim.publishedVerdict && (
              <RetractVerdict claim={claim} onChanged={onChanged} />
            )}
            {can.withdrawClaim(session) &&
              claim.status !== 'withdrawn' &&
              claim.status !== 'published' && <WithdrawClaim claim={claim} onChanged={onChanged} />}
          </div>
        </div>
      )}
    </div>
  );
}

function ClaimFacts(props: { claim: Claim; article: ArticleMeta | undefined }) {
  const { claim, article } = props;
  const { anchor } = claim;
  return (
    <section aria-labelledby="claim-anchor">
      <h2 id="claim-anchor">{t('anchor')}</h2>
      <blockquote class="claim-anchor" lang={article?.language}>
        {anchor.prefix && <span class="claim-context">…{anchor.prefix}</span>}
        <mark class="claim">{anchor.exact}</mark>
        {anchor.suffix && <span class="claim-context">{anchor.suffix}…</span>}
      </blockquote>
      <p class="claim-where">
        {article && <span lang={article.language}>{t('inArticle', { title: article.title })}</span>}{' '}
        <span>{t('revision', { revision: anchor.revision })}</span>{' '}
        <span class={`anchor-state anchor-${anchor.state}`}>{t(anchor.state)}</span>{' '}
        <a href={href(['articles', claim.articleId])}>{t('readArticle')}</a>
      </p>
      <dl class="claim-facts">
        <dt>{t('status')}</dt>
        <dd>
          <span class={`status status-${claim.status}`} data-status={claim.status}>
            {claimStatusName(claim.status)}
          </span>
        </dd>
        <dt>{t('assignee')}</dt>
        <dd>{claim.assignee ?? t('unassigned')}</dd>
        <dt>{t('statement')}</dt>
        <dd lang={article?.language}>{claim.statement || t('none')}</dd>
        <dt>{t('claimant')}</dt>
        <dd lang={article?.language}>{claim.claimant ?? t('none')}</dd>
        <dt>{t('captured')}</dt>
        <dd>
          {t('capturedBy', { who: claim.capturedBy, when: formatDateTime(claim.capturedAt) })}
        </dd>
      </dl>
    </section>
  );
}

function VerdictView(props: {
  heading: string;
  verdict: VerdictDraft | PublishedVerdict;
  lang: string | undefined;
}) {
  const { ratingLabel } = useRatings();
  const { verdict } = props;
  const drafters = 'drafters' in verdict ? verdict.drafters : undefined;
  const publishedAt = 'publishedAt' in verdict ? verdict.publishedAt : undefined;
  return (
    <section class="verdict" aria-label={props.heading}>
      <h2>{props.heading}</h2>
      {drafters && <p class="field-hint">{t('draftedBy', { who: drafters.join(', ') })}</p>}
      {publishedAt && (
        <p class="field-hint">{t('publishedAt', { when: formatDateTime(publishedAt) })}</p>
      )}
      <dl class="claim-facts">
        <dt>{t('rating')}</dt>
        <dd>
          <span class="rating-badge" data-rating-id={verdict.rating}>
            {ratingLabel(verdict.rating)}
          </span>
        </dd>
        <dt>{t('summary')}</dt>
        <dd lang={props.lang}>{verdict.summary}</dd>
        {verdict.rationale && (
          <>
            <dt>{t('rationale')}</dt>
            <dd lang={props.lang} class="rationale">
              {verdict.rationale}
            </dd>
          </>
        )}
        <dt>{t('sources')}</dt>
        <dd>
          <SourceList sources={verdict.sources} />
        </dd>
      </dl>
    </section>
  );
}

function SourceList(props: { sources: VerdictSource[] }) {
  if (props.sources.length === 0) return <span>{t('none')}</span>;
  return (
    <ul class="sources-list">
      {props.sources.map((source, index) => (
        <li key={index}>
          <a href={source.url} rel="noopener noreferrer" target="_blank">
            {source.title}
          </a>{' '}
          <span class="field-hint">{t('accessed', { date: formatDate(source.accessedAt) })}</span>
          {source.quote && <q>{source.quote}</q>}
        </li>
      ))}
    </ul>
  );
}

function VerdictHistory(props: { claim: Claim }) {
  const { ratingLabel } = useRatings();
  const history = props.claim.verdictHistory;
  return (
    <section aria-labelledby="verdict-history">
      <h2 id="verdict-history">{t('history')}</h2>
      {history.length === 0 ? (
        <p>{t('noHistory')}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('step')}</th>
              <th scope="col">{t('by')}</th>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('details')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={entry.position}>
                <td class="number">{entry.verdictVersion}</td>
                <td>{verdictStepName(entry.step)}</td>
                <td>{entry.by}</td>
                <td>{formatDateTime(entry.at)}</td>
                <td>{entry.reason ?? (entry.rating ? ratingLabel(entry.rating) : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
