/**
 * An article's history as a timeline: every event in log order, with who did it, why, and the
 * claim or correction it belongs to; filtered by type, actor and time (SPEC §6), paged.
 */
import { useEffect, useState } from 'preact/hooks';
import { defineMessages, formatNumber, useLocale } from '../i18n';
import { ErrorMessage, Field, Loading } from '../shell/ui';
import { EVENT_TYPES, eventTypeLabel } from './event-types';
import { TimelineEntry } from './timeline-entry';
import {
  downloadHistory,
  type HistoryEntry,
  type HistoryFilter,
  historyPage,
  isoOfLocal,
} from './history';

const PAGE_SIZE = 50;

const t = defineMessages({
  en: {
    heading: 'Timeline',
    filters: 'Filter the timeline',
    type: 'Event type',
    allTypes: 'All types',
    actor: 'Actor',
    actorHint: 'The user id (sub); “system” for the follow-on work the server does itself.',
    from: 'From',
    to: 'To',
    apply: 'Apply filters',
    clear: 'Clear filters',
    loadMore: 'Load more',
    shown: (p) =>
      `${p.count} ${p.count === '1' ? 'event' : 'events'} shown${p.more ? ', more to load' : ''}.`,
    none: 'No event matches these filters.',
    exportCsv: 'Download CSV',
    exportJsonl: 'Download JSON Lines',
  },
  'zh-Hans': {
    heading: '时间线',
    filters: '筛选时间线',
    type: '事件类型',
    allTypes: '全部类型',
    actor: '操作者',
    actorHint: '用户 ID（sub）；服务器自动完成的后续操作记为 “system”。',
    from: '起始时间',
    to: '截止时间',
    apply: '应用筛选',
    clear: '清除筛选',
    loadMore: '加载更多',
    shown: (p) => `已显示 ${p.count} 个事件${p.more ? '，还有更多' : ''}。`,
    none: '没有符合筛选条件的事件。',
    exportCsv: '下载 CSV',
    exportJsonl: '下载 JSON Lines',
  },
});

interface FormState {
  type: string;
  actor: string;
  from: string;
  to: string;
}

const EMPTY: FormState = { type: '', actor: '', from: '', to: '' };

function filterOf(form: FormState): HistoryFilter {
  return {
    type: form.type || undefined,
    actor: form.actor.trim() || undefined,
    from: isoOfLocal(form.from),
    to: isoOfLocal(form.to),
  };
}

/** `refresh` changes when the log has news for this article: the first page is read again. */
export function Timeline(props: { articleId: string; refresh?: number }) {
  useLocale();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    setError(undefined);
    historyPage(props.articleId, filter, { limit: PAGE_SIZE }, abort.signal).then(
      (page) => {
        setEntries(page.items);
        setNextCursor(page.nextCursor ?? undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [props.articleId, filter, generation, props.refresh]);

  function loadMore() {
    setLoading(true);
    historyPage(props.articleId, filter, { limit: PAGE_SIZE, cursor: nextCursor }).then(
      (page) => {
        setEntries((previous) => [...previous, ...page.items]);
        setNextCursor(page.nextCursor ?? undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        setError(failure);
        setLoading(false);
      },
    );
  }

  function download(format: 'csv' | 'jsonl') {
    setError(undefined);
    downloadHistory(props.articleId, filter, format).catch(setError);
  }

  const change = (key: keyof FormState) => (event: Event) =>
    setForm({ ...form, [key]: (event.target as HTMLInputElement).value });

  return (
    <section class="audit-timeline" aria-labelledby="audit-timeline-heading">
      <h2 id="audit-timeline-heading">{t('heading')}</h2>
      <form
        class="audit-filters"
        aria-label={t('filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(filterOf(form));
        }}
      >
        <Field id="audit-type" label={t('type')}>
          {(field) => (
            <select id={field.id} value={form.type} onChange={change('type')}>
              <option value="">{t('allTypes')}</option>
              {EVENT_TYPES.map((type) => (
                <option value={type} key={type}>
                  {eventTypeLabel(type)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-actor" label={t('actor')} hint={t('actorHint')}>
          {(field) => (
            <input
              id={field.id}
              type="text"
              value={form.actor}
              onInput={change('actor')}
              aria-describedby={field.describedBy}
            />
          )}
        </Field>
        <Field id="audit-from" label={t('from')}>
          {(field) => (
            <input
              id={field.id}
              type="datetime-local"
              step={1}
              value={form.from}
              onInput={change('from')}
            />
          )}
        </Field>
        <Field id="audit-to" label={t('to')}>
          {(field) => (
            <input
              id={field.id}
              type="datetime-local"
              step={1}
              value={form.to}
              onInput={change('to')}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary">
            {t('apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(EMPTY);
              setFilter({});
            }}
          >
            {t('clear')}
          </button>
          <button type="button" onClick={() => download('csv')}>
            {t('exportCsv')}
          </button>
          <button type="button" onClick={() => download('jsonl')}>
            {t('exportJsonl')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} onRetry={() => setGeneration((n) => n + 1)} />
      <p class="audit-count" role="status">
        {!loading && entries.length === 0
          ? t('none')
          : t('shown', { count: formatNumber(entries.length), more: nextCursor ? 1 : 0 })}
      </p>
      <ol class="audit-events">
        {entries.map((entry) => (
          <TimelineEntry entry={entry} key={entry.position} />
        ))}
      </ol>
      <Loading when={loading} />
      {nextCursor && !loading && (
        <button type="button" onClick={loadMore}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
