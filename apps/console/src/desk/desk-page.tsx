/**
 * The claim desk: its queues, each a section with its count, reloaded when the log says a
 * claim or a correction changed (the live changes stream), so nobody reloads the page.
 */
import type { ComponentChildren } from 'preact';
import { type Page, path, query } from '../api';
import type { ArticleSummary } from '../articles/articles-page';
import { useApi } from '../hooks';
import { defineMessages, formatNumber, useLocale } from '../i18n';
import { href } from '../router';
import { can, type Session, useSession } from '../session';
import { ErrorMessage, Loading } from '../shell/ui';
import { type Claim, claimStatusName } from './claim-types';

/** A correction as the desk lists it (libs/editorial/src/corrections/correction.response.dto.ts). */
interface CorrectionItem {
  id: string;
  articleId: string;
  status: string;
  kind: string;
  anchor: { exact: string } | null;
  notice: string;
  proposedBy: string;
  /** Who proposed or amended it: none of them may approve it. */
  authors: string[];
}

const t = defineMessages({
  en: {
    title: 'Claim desk',
    open: 'Open',
    mine: 'Assigned to me',
    inReview: 'In review',
    awaiting: 'Awaiting my approval',
    corrections: 'Corrections awaiting approval',
    empty: 'Nothing here.',
    more: 'More are waiting; only the first {count} are shown.',
    assignee: 'Assignee: {who}',
    unassigned: 'Unassigned',
    proposedBy: 'Proposed by {who}',
    noStatement: '(no statement)',
    item: 'item',
    items: 'items',
  },
  'zh-Hans': {
    title: '核查台',
    open: '待处理',
    mine: '分派给我的',
    inReview: '审核中',
    awaiting: '等待我批准',
    corrections: '待批准的更正',
    empty: '暂无内容。',
    more: '还有更多，此处只显示前 {count} 条。',
    assignee: '负责人：{who}',
    unassigned: '未分派',
    proposedBy: '提出人：{who}',
    noStatement: '（无陈述）',
    item: '项',
    items: '项',
  },
});

/** The most a queue lists at once: a desk with more needs filters, not a longer page. */
const QUEUE_LIMIT = 100;

const claimChanged = (change: { streamId: string }) => change.streamId.startsWith('claim-');
const correctionChanged = (change: { streamId: string }) =>
  change.streamId.startsWith('correction-');

export function DeskPage() {
  useLocale();
  const session = useSession();
  const articles = useApi<Page<ArticleSummary>>(`${path.articles}${query({ limit: 500 })}`);
  const open = useApi<Page<Claim>>(
    `${path.claims}${query({ status: 'open', limit: QUEUE_LIMIT })}`,
    claimChanged,
  );
  const mine = useApi<Page<Claim>>(
    session ? `${path.claims}${query({ assignee: session.sub, limit: QUEUE_LIMIT })}` : undefined,
    claimChanged,
  );
  const inReview = useApi<Page<Claim>>(
    `${path.claims}${query({ status: 'in_review', limit: QUEUE_LIMIT })}`,
    claimChanged,
  );
  const corrections = useApi<Page<CorrectionItem>>(
    `${path.corrections}${query({ status: 'proposed', limit: QUEUE_LIMIT })}`,
    correctionChanged,
  );
  const titles = new Map((articles.data?.items ?? []).map((a) => [a.id, a]));
  const sub = session?.sub;
  const reviewer = can.review(session);

  return (
    <div class="page desk">
      <h1>{t('title')}</h1>
      <ClaimQueue
        id="queue-open"
        title={t('open')}
        loaded={open}
        titles={titles}
        keep={() => true}
      />
      <ClaimQueue
        id="queue-mine"
        title={t('mine')}
        loaded={mine}
        titles={titles}
        keep={(claim) => claim.status !== 'published' && claim.status !== 'withdrawn'}
      />
      <ClaimQueue
        id="queue-in-review"
        title={t('inReview')}
        loaded={inReview}
        titles={titles}
        keep={() => true}
      />
      {reviewer && (
        <ClaimQueue
          id="queue-awaiting"
          title={t('awaiting')}
          loaded={inReview}
          titles={titles}
          keep={(claim) => !!claim.draft && !claim.draft.drafters.includes(sub ?? '')}
        />
      )}
      <CorrectionQueue
        loaded={corrections}
        titles={titles}
        keep={(correction) => !reviewer || !awaitsOnlyOthers(correction, session)}
      />
    </div>
  );
}

/** A correction the signed-in standards editor wrote, which another must approve. */
function awaitsOnlyOthers(correction: CorrectionItem, session: Session | undefined): boolean {
  const authors = correction.authors?.length ? correction.authors : [correction.proposedBy];
  return session !== undefined && authors.includes(session.sub);
}

interface Loaded<T> {
  data: Page<T> | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

function Queue(props: {
  id: string;
  title: string;
  count: number | undefined;
  loaded: Loaded<unknown>;
  children: ComponentChildren;
}) {
  const headingId = `${props.id}-heading`;
  return (
    <section class="desk-queue" id={props.id} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {props.title}{' '}
        {props.count !== undefined && (
          <span class="desk-count">
            {formatNumber(props.count)}
            <span class="visually-hidden"> {t(props.count === 1 ? 'item' : 'items')}</span>
          </span>
        )}
      </h2>
      <Loading when={props.loaded.loading && !props.loaded.data} />
      <ErrorMessage error={props.loaded.error} onRetry={props.loaded.reload} />
      {props.children}
      {props.loaded.data?.nextCursor && (
        <p class="field-hint">{t('more', { count: QUEUE_LIMIT })}</p>
      )}
    </section>
  );
}

function ClaimQueue(props: {
  id: string;
  title: string;
  loaded: Loaded<Claim>;
  titles: Map<string, ArticleSummary>;
  keep: (claim: Claim) => boolean;
}) {
  const items = props.loaded.data?.items.filter(props.keep);
  return (
    <Queue id={props.id} title={props.title} count={items?.length} loaded={props.loaded}>
      {items && items.length === 0 && <p class="desk-empty">{t('empty')}</p>}
      {items && items.length > 0 && (
        <ul class="desk-items">
          {items.map((claim) => (
            <li key={claim.id}>
              <a href={href(['claims', claim.id])}>{claim.statement || t('noStatement')}</a>
              <span class="desk-quote" lang={props.titles.get(claim.articleId)?.language}>
                「{claim.anchor.exact}」
              </span>
              <span class="desk-meta">
                {props.titles.get(claim.articleId) && (
                  <span class="desk-article" lang={props.titles.get(claim.articleId)!.language}>
                    {props.titles.get(claim.articleId)!.title}
                  </span>
                )}
                <span class={`status status-${claim.status}`}>{claimStatusName(claim.status)}</span>
                <span>
                  {claim.assignee ? t('assignee', { who: claim.assignee }) : t('unassigned')}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Queue>
  );
}

function CorrectionQueue(props: {
  loaded: Loaded<CorrectionItem>;
  titles: Map<string, ArticleSummary>;
  keep: (correction: CorrectionItem) => boolean;
}) {
  const items = props.loaded.data?.items.filter(props.keep);
  return (
    <Queue
      id="queue-corrections"
      title={t('corrections')}
      count={items?.length}
      loaded={props.loaded}
    >
      {items && items.length === 0 && <p class="desk-empty">{t('empty')}</p>}
      {items && items.length > 0 && (
        <ul class="desk-items">
          {items.map((correction) => (
            <li key={correction.id}>
              <a href={href(['corrections', correction.id])}>{correction.notice}</a>
              {correction.anchor && (
                <span class="desk-quote" lang={props.titles.get(correction.articleId)?.language}>
                  「{correction.anchor.exact}」
                </span>
              )}
              <span class="desk-meta">
                {props.titles.get(correction.articleId) && (
                  <span
                    class="desk-article"
                    lang={props.titles.get(correction.articleId)!.language}
                  >
                    {props.titles.get(correction.articleId)!.title}
                  </span>
                )}
                <span>{t('proposedBy', { who: correction.proposedBy })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Queue>
  );
}
