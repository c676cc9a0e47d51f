/**
 * The time slider: the article as it stood after any event of its history (`view?at=`), or at
 * any moment (`view?asOf=`), built by the server from the log up to then. Each event's position
 * is a stop of the range input, so arrows, Home and End step through the history; requests are
 * debounced and a stale one is aborted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, path, query } from '../api';
import { MarkedText } from '../articles/marked-text';
import { useRatings } from '../articles/ratings';
import type { AnnotatedView } from '../articles/view-types';
import { defineMessages, formatDateTime, useLocale } from '../i18n';
import { ErrorMessage, Loading } from '../shell/ui';
import { eventTypeLabel } from './event-types';
import { formatMoment, type HistoryEntry, isoOfLocal } from './history';

const DEBOUNCE_MS = 200;

const t = defineMessages({
  en: {
    gap: ' ',
    heading: 'Replay',
    replayTo: 'Replay to',
    asOf: 'As of',
    asOfHint: 'A moment in your time zone; the view shows every event recorded until then.',
    stop: (p) => `Position ${p.position} of ${p.last}, ${p.time}: ${p.type}`,
    first: 'First event',
    latest: 'Now',
    stood: 'Revision {revision} as it stood at position {position}, {time}.',
    stoodAsOf: 'Revision {revision} as it stood on {time} (up to position {position}).',
    lastEvent: 'Last event then: {type}.',
    current: 'This is the article as it stands now.',
    notices: 'Correction notices then',
    text: 'The article’s text at that point',
    notYet: 'The article had not been imported yet at that moment.',
  },
  'zh-Hans': {
    gap: '',
    heading: '回放',
    replayTo: '回放到',
    asOf: '截至时间',
    asOfHint: '按你所在时区的时间；显示截至该时刻记录的全部事件。',
    stop: (p) => `第 ${p.position} 位（共 ${p.last} 位），${p.time}：${p.type}`,
    first: '第一个事件',
    latest: '现在',
    stood: '修订版 {revision}，位置 {position} 时的样子，{time}。',
    stoodAsOf: '修订版 {revision}，{time} 时的样子（截至位置 {position}）。',
    lastEvent: '当时最后一个事件：{type}。',
    current: '这是文章现在的样子。',
    notices: '当时的更正说明',
    text: '该时刻的文章正文',
    notYet: '那时这篇文章还没有导入。',
  },
});

type Target = { at: number } | { asOf: string };

export function Replay(props: { articleId: string; entries: HistoryEntry[]; lang?: string }) {
  useLocale();
  const { ratingLabel } = useRatings();
  const { entries } = props;
  const last = entries.length - 1;
  const [index, setIndex] = useState(last);
  const [asOfInput, setAsOfInput] = useState('');
  const [target, setTarget] = useState<Target | undefined>();
  const [view, setView] = useState<AnnotatedView | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const followsLatest = useRef(true);

  // A new event moves the slider along only when it stood at the latest one.
  useEffect(() => {
    if (last < 0) return;
    if (followsLatest.current) {
      setIndex(last);
      setTarget({ at: entries[last]!.position });
    }
  }, [last]);

  useEffect(() => {
    if (!target) return;
    const abort = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      getJson<AnnotatedView>(path.view(props.articleId) + query(target), {
        signal: abort.signal,
      }).then(
        (replayed) => {
          setView(replayed);
          setError(undefined);
          setLoading(false);
          if ('asOf' in target) setIndex(stopAtOrBefore(entries, target.asOf));
        },
        (failure: unknown) => {
          if (abort.signal.aborted) return;
          // Before the import there is no article to show, not an old text.
          if (failure instanceof ApiError && failure.status === 404) setView(undefined);
          setError(failure);
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [props.articleId, target]);

  if (last < 0) return null;
  const stop = entries[Math.min(index, last)]!;
  const stopText = (entry: HistoryEntry) =>
    t('stop', {
      position: entry.position,
      last: entries[last]!.position,
      time: formatMoment(entry.recordedAt),
      type: eventTypeLabel(entry.type),
    });
  const shownEntry = view && entries.find((entry) => entry.position === view.position);
  const asOf = target && 'asOf' in target ? target.asOf : undefined;

  return (
    <section class="audit-replay" aria-labelledby="audit-replay-heading">
      <h2 id="audit-replay-heading">{t('heading')}</h2>
      <div class="audit-slider">
        <label for="audit-replay-to" class="field-label">
          {t('replayTo')}
        </label>
        <input
          id="audit-replay-to"
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          aria-valuetext={stopText(stop)}
          aria-describedby="audit-replay-stop"
          onInput={(event) => {
            const next = Number((event.target as HTMLInputElement).value);
            followsLatest.current = next === last;
            setIndex(next);
            setAsOfInput('');
            setTarget({ at: entries[next]!.position });
          }}
        />
        <div class="audit-slider-ends" aria-hidden="true">
          <span>{t('first')}</span>
          <span>{t('latest')}</span>
        </div>
        <p id="audit-replay-stop" class="field-hint">
          {stopText(stop)}
        </p>
      </div>
      <div class="field audit-as-of">
        <label class="field-label" for="audit-as-of">
          {t('asOf')}
        </label>
        <input
          id="audit-as-of"
          type="datetime-local"
          step={1}
          value={asOfInput}
          aria-describedby="audit-as-of-hint"
          onInput={(event) => {
            const value = (event.target as HTMLInputElement).value;
            setAsOfInput(value);
            const iso = isoOfLocal(value);
            if (iso) {
              followsLatest.current = false;
              setTarget({ asOf: iso });
            }
          }}
        />
        <span class="field-hint" id="audit-as-of-hint">
          {t('asOfHint')}
        </span>
      </div>
      {error instanceof ApiError && error.status === 404 ? (
        <p class="error" role="alert">
          {t('notYet')}
        </p>
      ) : (
        <ErrorMessage error={error} />
      )}
      {view && (
        <>
          <p class="audit-stood" role="status">
            {asOf
              ? t('stoodAsOf', {
                  revision: view.revision,
                  position: view.position,
                  time: formatMoment(asOf),
                })
              : t('stood', {
                  revision: view.revision,
                  position: view.position,
                  time: formatMoment(shownEntry?.recordedAt),
                })}
            {shownEntry && t('gap') + t('lastEvent', { type: eventTypeLabel(shownEntry.type) })}
            {view.position >= entries[last]!.position && t('gap') + t('current')}
          </p>
          <div
            class="audit-replay-text"
            role="region"
            aria-label={t('text')}
            tabIndex={0}
            aria-busy={loading}
          >
            <MarkedText view={view} ratingLabel={ratingLabel} lang={props.lang} />
          </div>
          {view.notices.length > 0 && (
            <>
              <h3>{t('notices')}</h3>
              <ul class="plain">
                {view.notices.map((notice) => (
                  <li key={notice.correctionId}>
                    {notice.notice}{' '}
                    <time dateTime={notice.publishedAt}>{formatDateTime(notice.publishedAt)}</time>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <Loading when={loading && !view} />
    </section>
  );
}

/** The slider's stop for a moment: the last event recorded at or before it. */
function stopAtOrBefore(entries: HistoryEntry[], iso: string): number {
  const moment = Date.parse(iso);
  let found = 0;
  entries.forEach((entry, i) => {
    if (Date.parse(entry.recordedAt) <= moment) found = i;
  });
  return found;
}
