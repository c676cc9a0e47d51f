/**
 * The auditor's view: pick an article, read its history as a timeline, slide it back through
 * time, and see the log's integrity and its latest checkpoint verified in this browser.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Page, path, query } from '../api';
import type { ArticleSummary } from '../articles/articles-page';
import { useApi } from '../hooks';
import { defineMessages, formatDate, useLocale } from '../i18n';
import { onLogChange } from '../live';
import { href } from '../router';
import { can, useSession } from '../session';
import { ErrorMessage, Loading } from '../shell/ui';
import { type HistoryEntry, wholeHistory } from './history';
import { LogPanel } from './log-panel';
import { Replay } from './replay';
import { Timeline } from './timeline';

const t = defineMessages({
  en: {
    title: 'Audit',
    titleOf: 'Audit: ',
    pick: 'Choose an article to audit',
    revision: 'revision {revision}',
    notAllowed: 'Histories are for auditors, standards editors and admins.',
    back: 'All articles',
    reader: 'Open in the reader',
  },
  'zh-Hans': {
    title: '审计',
    titleOf: '审计：',
    pick: '选择要审计的文章',
    revision: '修订版 {revision}',
    notAllowed: '只有审计员、标准编辑和管理员可以查看历史记录。',
    back: '全部文章',
    reader: '在阅读器中打开',
  },
});

export function AuditPage(props: { articleId?: string }) {
  useLocale();
  const session = useSession();
  if (!can.audit(session)) {
    return (
      <div class="page">
        <h1>{t('title')}</h1>
        <p class="explain">{t('notAllowed')}</p>
      </div>
    );
  }
  return props.articleId ? (
    <ArticleAudit articleId={props.articleId} />
  ) : (
    <div class="page audit">
      <h1>{t('title')}</h1>
      <ArticlePicker />
      <LogPanel />
    </div>
  );
}

function ArticlePicker() {
  const list = useApi<Page<ArticleSummary>>(path.articles + query({ limit: 500 }));
  return (
    <section aria-labelledby="audit-pick-heading">
      <h2 id="audit-pick-heading">{t('pick')}</h2>
      <Loading when={list.loading && !list.data} />
      <ErrorMessage error={list.error} onRetry={list.reload} />
      <ul class="plain audit-articles">
        {list.data?.items.map((article) => (
          <li key={article.id}>
            <a href={href(['audit', article.id])} lang={article.language}>
              {article.title}
            </a>{' '}
            <span class="field-hint">
              {[
                formatDate(article.publishedAt ?? undefined),
                t('revision', { revision: article.revision }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface ArticleMeta {
  id: string;
  title: string;
  language?: string;
}

function ArticleAudit(props: { articleId: string }) {
  const article = useApi<ArticleMeta>(path.article(props.articleId));
  const [entries, setEntries] = useState<HistoryEntry[]>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    wholeHistory(props.articleId, abort.signal).then(setEntries, (failure: unknown) => {
      if (!abort.signal.aborted) setError(failure);
    });
    return () => abort.abort();
  }, [props.articleId, generation]);

  // The slider's stops and the timeline follow the log: the article's own events, its
  // annotations' events, and any new claim or correction (which may be on this article).
  const streams = useRef(new Set<string>());
  streams.current = new Set([
    `article-${props.articleId}`,
    ...(entries ?? []).map((e) => e.streamId),
  ]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onLogChange((change) => {
      const ours =
        streams.current.has(change.streamId) ||
        change.type === 'ClaimCaptured' ||
        change.type === 'CorrectionProposed';
      if (!ours) return;
      clearTimeout(timer);
      timer = setTimeout(() => setGeneration((n) => n + 1), 500);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);

  const title = article.data?.title;
  return (
    <div class="page audit">
      <p>
        <a href={href(['audit'])}>{t('back')}</a>
      </p>
      <h1>
        {title ? (
          <>
            {t('titleOf')}
            <span lang={article.data?.language}>{title}</span>
          </>
        ) : (
          t('title')
        )}
      </h1>
      <ErrorMessage error={article.error ?? error} onRetry={() => setGeneration((n) => n + 1)} />
      {title && (
        <p>
          <a href={href(['articles', props.articleId])}>{t('reader')}</a>
        </p>
      )}
      <div class="audit-layout">
        <div class="audit-main">
          {entries ? (
            <Replay articleId={props.articleId} entries={entries} lang={article.data?.language} />
          ) : (
            <Loading when={!error} />
          )}
        </div>
        <LogPanel />
      </div>
      <Timeline articleId={props.articleId} refresh={generation} />
    </div>
  );
}
