/**
 * What a published correction changed: the text of the revision before and of the one it
 * produced, compared exactly, shown as the changed passage with context, side by side or inline.
 * Screen readers that do not announce <del>/<ins> still hear "removed:" and "added:".
 */
import { useId, useMemo, useState } from 'preact/hooks';
import { path, query } from '../api';
import { useApi } from '../hooks';
import { defineMessages, useLocale } from '../i18n';
import { ErrorMessage, Loading } from '../shell/ui';
import { changeBetween, type TextChange } from './text-diff';

const t = defineMessages({
  en: {
    title: 'What revision {revision} changed',
    view: 'Show the change',
    sideBySide: 'Side by side',
    inline: 'Inline',
    before: 'Before (revision {revision})',
    after: 'After (revision {revision})',
    removed: 'removed:',
    added: 'added:',
    endRemoved: 'end of removed text',
    endAdded: 'end of added text',
    nothingRemoved: 'nothing removed',
    nothingAdded: 'nothing added',
    same: 'The two revisions have the same text.',
  },
  'zh-Hans': {
    title: '修订版 {revision} 的改动',
    view: '显示方式',
    sideBySide: '并排',
    inline: '行内',
    before: '修改前（修订版 {revision}）',
    after: '修改后（修订版 {revision}）',
    removed: '删除：',
    added: '新增：',
    endRemoved: '删除内容结束',
    endAdded: '新增内容结束',
    nothingRemoved: '无删除',
    nothingAdded: '无新增',
    same: '两个修订版的文字相同。',
  },
});

interface RevisionTextAnswer {
  revision: number;
  text: string;
}

const textOf = (articleId: string, revision: number) =>
  `${path.text(articleId)}${query({ revision })}`;

export function RevisionDiff(props: { articleId: string; revision: number; lang?: string }) {
  useLocale();
  const id = useId();
  const [layout, setLayout] = useState<'sides' | 'inline'>('sides');
  const older = useApi<RevisionTextAnswer>(textOf(props.articleId, props.revision - 1));
  const newer = useApi<RevisionTextAnswer>(textOf(props.articleId, props.revision));
  const change = useMemo(
    () => older.data && newer.data && changeBetween(older.data.text, newer.data.text),
    [older.data, newer.data],
  );
  const ready = older.data !== undefined && newer.data !== undefined;

  return (
    <section class="correction-diff" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('title', { revision: props.revision })}</h2>
      <Loading when={!ready && (older.loading || newer.loading)} />
      <ErrorMessage error={older.error ?? newer.error} />
      {ready && !change && <p>{t('same')}</p>}
      {change && (
        <>
          <div class="actions" role="group" aria-label={t('view')}>
            <button
              type="button"
              aria-pressed={layout === 'sides'}
              onClick={() => setLayout('sides')}
            >
              {t('sideBySide')}
            </button>
            <button
              type="button"
              aria-pressed={layout === 'inline'}
              onClick={() => setLayout('inline')}
            >
              {t('inline')}
            </button>
          </div>
          {layout === 'sides' ? (
            <div class="correction-diff-sides">
              <section class="correction-diff-before" aria-labelledby={`${id}-before`}>
                <h3 id={`${id}-before`}>{t('before', { revision: props.revision - 1 })}</h3>
                <p class="correction-diff-text" lang={props.lang}>
                  <Context change={change} side="before" />
                  <Removed text={change.removed} />
                  <Context change={change} side="after" />
                </p>
              </section>
              <section class="correction-diff-after" aria-labelledby={`${id}-after`}>
                <h3 id={`${id}-after`}>{t('after', { revision: props.revision })}</h3>
                <p class="correction-diff-text" lang={props.lang}>
                  <Context change={change} side="before" />
                  <Added text={change.added} />
                  <Context change={change} side="after" />
                </p>
              </section>
            </div>
          ) : (
            <p class="correction-diff-text correction-diff-inline" lang={props.lang}>
              <Context change={change} side="before" />
              <Removed text={change.removed} />
              <Added text={change.added} />
              <Context change={change} side="after" />
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Context(props: { change: TextChange; side: 'before' | 'after' }) {
  const { change, side } = props;
  return side === 'before' ? (
    <span class="correction-context">
      {change.cutBefore && '…'}
      {change.before}
    </span>
  ) : (
    <span class="correction-context">
      {change.after}
      {change.cutAfter && '…'}
    </span>
  );
}

function Removed(props: { text: string }) {
  if (!props.text) return <Gap label={t('nothingRemoved')} />;
  return (
    <del>
      <span class="correction-sr">{t('removed')} </span>
      {props.text}
      <span class="correction-sr"> ({t('endRemoved')})</span>
    </del>
  );
}

function Added(props: { text: string }) {
  if (!props.text) return <Gap label={t('nothingAdded')} />;
  return (
    <ins>
      <span class="correction-sr">{t('added')} </span>
      {props.text}
      <span class="correction-sr"> ({t('endAdded')})</span>
    </ins>
  );
}

/** Where text was only added or only removed: a thin bar, named for screen readers. */
function Gap(props: { label: string }) {
  return (
    <span class="correction-gap">
      <span class="correction-sr">{props.label}</span>
    </span>
  );
}
