/** The reader: the article's text with its claims and corrections highlighted, capture by selection, the revision switcher. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { path, query } from '../api';
import { ProposeCorrectionForm } from '../corrections/propose-correction-form';
import { useApi } from '../hooks';
import { defineMessages, formatDate, formatNumber, useLocale } from '../i18n';
import { href } from '../router';
import { can, useSession } from '../session';
import { ErrorMessage, Loading, Notice } from '../shell/ui';
import { AnnotationList } from './annotation-list';
import { CaptureClaimForm } from './capture-claim-form';
import { FindPassage } from './find-passage';
import { MarkedText } from './marked-text';
import { useRatings } from './ratings';
import { RevisionSwitcher } from './revision-switcher';
import { Notices } from './notices';
import { olderView } from './older-revision';
import type { QuoteSelector } from './selection';
import { SelectionToolbar } from './selection-toolbar';
import { useSelectionOf } from './use-selection';
import type { AnnotatedView, ArticleMetadata, RevisionText } from './view-types';

const t = defineMessages({
  en: {
    source: 'Source',
    publishedBy: '{publisher}, {date}',
    older:
      'You are reading revision {shown} of {current}. Claims and corrections are marked on the current revision; a passage captured here follows to the current one.',
    readCurrent: 'Read the current revision',
    claimCaptured: 'Claim captured.',
    openClaim: 'Open the claim',
    correctionProposed: 'Correction proposed.',
    openCorrection: 'Open the correction',
    addNote: 'Add editor’s note',
    text: 'Article text',
    annotations: 'Annotations',
  },
  'zh-Hans': {
    source: '来源',
    publishedBy: '{publisher}，{date}',
    older:
      '你正在阅读第 {shown} 版（共 {current} 版）。说法和更正标注在当前修订版上；在此记录的段落会随之对应到当前修订版。',
    readCurrent: '阅读当前修订版',
    claimCaptured: '说法已记录。',
    openClaim: '打开该说法',
    correctionProposed: '更正已提出。',
    openCorrection: '打开该更正',
    addNote: '添加编者按',
    text: '文章正文',
    annotations: '标注',
  },
});

/** An open form, with the revision its selection was made on (a new one may arrive meanwhile). */
type Form = { revision: number } & (
  { kind: 'capture' | 'propose'; selector: QuoteSelector } | { kind: 'note' }
);
type Done = { kind: 'claim' | 'correction'; id: string };

/**
 * Whether a change of the log may change this article's view. A claim's or a correction's
 * stream does not name its article, so: the article's own stream, any annotation the view has
 * shown, and any new claim or correction, which may be on this article. A new one is followed
 * from then on, as its next events may arrive before the view that shows it.
 */
function touchesView(articleId: string, followed: Set<string>) {
  return (change: { streamId: string; type: string }) => {
    const id = change.streamId.slice(change.streamId.indexOf('-') + 1);
    if (change.type === 'ClaimCaptured' || change.type === 'CorrectionProposed') {
      followed.add(id);
      return true;
    }
    return change.streamId === `article-${articleId}` || followed.has(id);
  };
}

export function ReaderPage(props: { articleId: string; revision?: number }) {
  const locale = useLocale();
  const session = useSession();
  const { ratings, ratingLabel } = useRatings();
  const article = useApi<ArticleMetadata>(
    path.article(props.articleId),
    (change) => change.streamId === `article-${props.articleId}`,
  );
  const followed = useRef(new Set<string>());
  const view = useApi<AnnotatedView>(
    path.view(props.articleId),
    touchesView(props.articleId, followed.current),
  );
  useEffect(() => {
    for (const annotation of view.data?.annotations ?? []) followed.current.add(annotation.id);
  }, [view.data]);
  const current = article.data?.revision;
  const wantsOlder = props.revision !== undefined && props.revision !== current;
  const older = useApi<RevisionText>(
    wantsOlder ? path.text(props.articleId) + query({ revision: props.revision }) : undefined,
  );
  const shown = useMemo(
    () => (wantsOlder ? olderView(view.data, older.data) : view.data),
    [wantsOlder, view.data, older.data],
  );

  const textRef = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<QuoteSelector>();
  const [form, setForm] = useState<Form>();
  const [done, setDone] = useState<Done>();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  // The form that had the keyboard is gone: it continues on the link to what was made.
  useEffect(() => {
    if (done) document.getElementById('reader-done-link')?.focus();
  }, [done]);
  useSelectionOf(textRef, shown?.text, form === undefined, setSelection);
  // A selection counts in the text it was made on; another text (a new revision) drops it.
  useEffect(() => setSelection(undefined), [shown?.text]);

  const openForm = (next: Form) => {
    setDone(undefined);
    setForm(next);
  };
  const finish = (result: Done) => {
    setForm(undefined);
    setSelection(undefined);
    document.getSelection()?.removeAllRanges();
    setDone(result);
    setSelectedIds([result.id]);
    view.reload();
  };
  const revision = shown?.revision ?? current ?? 1;
  const lang = article.data?.language;
  // The same element while nothing it shows changed, so Preact skips diffing its thousands of
  // pieces when the page re-renders for a selection, a form or a notice.
  const marked = useMemo(
    () =>
      shown && (
        <MarkedText
          view={shown}
          lang={lang}
          ratingLabel={ratingLabel}
          selectedIds={selectedIds}
          onMarkClick={(ids) => {
            if (!document.getSelection()?.isCollapsed) return;
            setSelectedIds(ids);
            document.querySelector<HTMLElement>(`[data-annotation="${ids[0]}"]`)?.focus();
          }}
        />
      ),
    [shown, lang, selectedIds, locale, ratings],
  );

  return (
    <div class="page reader">
      <Loading
        when={
          (article.loading && !article.data) ||
          (view.loading && !view.data) ||
          (older.loading && !older.data)
        }
      />
      <ErrorMessage error={article.error ?? view.error ?? older.error} onRetry={view.reload} />
      {article.data && (
        <header class="reader-head">
          <h1 lang={lang}>{article.data.title}</h1>
          <p class="byline">
            {article.data.source.publisher &&
              t('publishedBy', {
                publisher: article.data.source.publisher,
                date: formatDate(article.data.source.publishedAt ?? undefined),
              })}
            {article.data.source.url && (
              <>
                {' · '}
                <a href={article.data.source.url} rel="noreferrer noopener">
                  {t('source')}
                </a>
              </>
            )}
          </p>
          <RevisionSwitcher
            articleId={props.articleId}
            shown={props.revision ?? article.data.revision}
            current={article.data.revision}
          />
        </header>
      )}
      {wantsOlder && current !== undefined && props.revision! <= current && (
        <p class="explain">
          {t('older', { shown: formatNumber(props.revision!), current: formatNumber(current) })}{' '}
          <a href={href(['articles', props.articleId])}>{t('readCurrent')}</a>
        </p>
      )}
      {done && (
        <Notice>
          {done.kind === 'claim' ? t('claimCaptured') : t('correctionProposed')}{' '}
          <a
            id="reader-done-link"
            href={href([done.kind === 'claim' ? 'claims' : 'corrections', done.id])}
          >
            {done.kind === 'claim' ? t('openClaim') : t('openCorrection')}
          </a>
        </Notice>
      )}
      {shown && (
        <div class="layout">
          <section aria-label={t('text')} ref={textRef}>
            {(can.capture(session) || can.propose(session)) && (
              <FindPassage
                text={shown.text}
                root={() => textRef.current?.querySelector('.article-text')}
              />
            )}
            {marked}
            <Notices view={shown} />
          </section>
          <aside class="reader-side" aria-label={t('annotations')}>
            {form === undefined && selection && (
              <SelectionToolbar
                selection={selection}
                lang={lang}
                canCapture={can.capture(session)}
                canPropose={can.propose(session)}
                onCapture={() => openForm({ kind: 'capture', selector: selection, revision })}
                onPropose={() => openForm({ kind: 'propose', selector: selection, revision })}
                onClear={() => {
                  setSelection(undefined);
                  document.getSelection()?.removeAllRanges();
                }}
              />
            )}
            {form?.kind === 'capture' && (
              <CaptureClaimForm
                articleId={props.articleId}
                revision={form.revision}
                selector={form.selector}
                lang={lang}
                onCaptured={(id) => finish({ kind: 'claim', id })}
                onCancel={() => setForm(undefined)}
              />
            )}
            {(form?.kind === 'propose' || form?.kind === 'note') && (
              <ProposeCorrectionForm
                articleId={props.articleId}
                revision={form.revision}
                selector={form.kind === 'propose' ? form.selector : undefined}
                onProposed={(id) => finish({ kind: 'correction', id })}
                onCancel={() => setForm(undefined)}
              />
            )}
            {form === undefined && can.propose(session) && (
              <div class="actions">
                <button type="button" onClick={() => openForm({ kind: 'note', revision })}>
                  {t('addNote')}
                </button>
              </div>
            )}
            <AnnotationList
              annotations={shown.annotations}
              ratingLabel={ratingLabel}
              selectedIds={selectedIds}
              lang={lang}
            />
          </aside>
        </div>
      )}
    </div>
  );
}
