/** Proposing a correction on a selection (kind, replacement, notice), or an editor's note. */
import { useId, useRef, useState } from 'preact/hooks';
import { path, query, sendJson, type Page } from '../api';
import type { Selector } from '../articles/view-types';
import { useApi } from '../hooks';
import { defineMessages, useLocale } from '../i18n';
import { ErrorMessage, Field } from '../shell/ui';
import {
  type Correction,
  CORRECTION_KINDS,
  type CorrectionKind,
  kindName,
} from './correction-types';
import { QuoteInContext } from './quote-in-context';

const t = defineMessages({
  en: {
    title: 'Propose a correction',
    titleNote: 'Add an editor’s note',
    quote: 'The passage to correct',
    wholeArticle: 'An editor’s note concerns the whole article; no passage is selected.',
    kind: 'Kind',
    kindHint: 'Without a selected passage, only an editor’s note is possible.',
    // Not "…notice…": the field named "Notice" must stay the only label containing that word.
    noticeOnly: 'Leave the text as it is (only publish the note)',
    noticeOnlyNote: 'An editor’s note adds a notice and never changes the text.',
    replacement: 'Replacement',
    replacementHint:
      'The new text for the selected passage, in the new revision. Leave it empty to delete the passage.',
    notice: 'Notice',
    noticeHint: 'Public text, shown with the article once the correction is published.',
    claim: 'Related claim (optional)',
    noClaim: 'None',
    propose: 'Propose correction',
    cancel: 'Cancel',
    sending: 'Sending…',
  },
  'zh-Hans': {
    title: '提出更正',
    titleNote: '添加编者按',
    quote: '要更正的段落',
    wholeArticle: '编者按针对整篇文章，无需选择段落。',
    kind: '类型',
    kindHint: '未选择段落时，只能添加编者按。',
    noticeOnly: '只添加说明（不修改正文）',
    noticeOnlyNote: '编者按只添加说明，不会修改正文。',
    replacement: '替换文字',
    replacementHint: '所选段落在新修订版中的文字。留空则删除该段落。',
    notice: '更正说明',
    noticeHint: '公开文字，更正发布后随文章显示。',
    claim: '相关说法（可选）',
    noClaim: '无',
    propose: '提出更正',
    cancel: '取消',
    sending: '正在发送…',
  },
});

export interface ProposeCorrectionFormProps {
  articleId: string;
  revision: number;
  /** The selection, or undefined for an editor's note on the whole article. */
  selector: Selector | undefined;
  onProposed: (correctionId: string) => void;
  onCancel: () => void;
}

interface ClaimItem {
  id: string;
  statement: string | null;
  anchor: { exact: string } | null;
}

export function ProposeCorrectionForm(props: ProposeCorrectionFormProps) {
  useLocale();
  const id = useId();
  const { selector } = props;
  const [kind, setKind] = useState<CorrectionKind>(selector ? 'correction' : 'editors_note');
  const [noticeOnly, setNoticeOnly] = useState(false);
  const [replacement, setReplacement] = useState(selector?.exact ?? '');
  const [notice, setNotice] = useState('');
  const [claimId, setClaimId] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>();
  // One key per body: a retried send of the same proposal appends it once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const changed = <T,>(set: (value: T) => void) => {
    return (value: T) => {
      idempotencyKey.current = crypto.randomUUID();
      set(value);
    };
  };
  const claims = useApi<Page<ClaimItem>>(
    `${path.claims}${query({ articleId: props.articleId, limit: 200 })}`,
  );

  const isNote = kind === 'editors_note';
  const keepsText = isNote || noticeOnly;
  const kinds = selector ? CORRECTION_KINDS : (['editors_note'] as const);

  async function submit(event: Event) {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const body = {
        revision: props.revision,
        ...(selector ? { selector } : {}),
        kind,
        ...(keepsText ? {} : { replacement }),
        notice,
        ...(claimId ? { claimId } : {}),
      };
      const created = await sendJson<Correction>(
        'POST',
        path.articleCorrections(props.articleId),
        body,
        { idempotencyKey: idempotencyKey.current },
      );
      props.onProposed(created.id);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      class="panel propose-correction"
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{selector ? t('title') : t('titleNote')}</h2>
      {selector ? (
        <figure class="correction-quote">
          <figcaption>{t('quote')}</figcaption>
          <QuoteInContext
            exact={selector.exact ?? ''}
            prefix={selector.prefix}
            suffix={selector.suffix}
          />
        </figure>
      ) : (
        <p class="explain">{t('wholeArticle')}</p>
      )}

      <Field id={`${id}-kind`} label={t('kind')} hint={selector ? undefined : t('kindHint')}>
        {(field) => (
          <select
            id={field.id}
            value={kind}
            aria-describedby={field.describedBy}
            onChange={(e) =>
              changed(setKind)((e.target as HTMLSelectElement).value as CorrectionKind)
            }
          >
            {kinds.map((value) => (
              <option value={value} key={value}>
                {kindName(value)}
              </option>
            ))}
          </select>
        )}
      </Field>

      {selector && (
        <>
          <div class="field correction-check">
            <label>
              <input
                type="checkbox"
                checked={keepsText}
                disabled={isNote}
                aria-describedby={isNote ? `${id}-note-only` : undefined}
                onChange={(e) => changed(setNoticeOnly)((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('noticeOnly')}
            </label>
            {isNote && (
              <span class="field-hint" id={`${id}-note-only`}>
                {t('noticeOnlyNote')}
              </span>
            )}
          </div>
          <Field id={`${id}-replacement`} label={t('replacement')} hint={t('replacementHint')}>
            {(field) => (
              <textarea
                id={field.id}
                rows={3}
                value={keepsText ? '' : replacement}
                disabled={keepsText}
                aria-describedby={field.describedBy}
                onInput={(e) => changed(setReplacement)((e.target as HTMLTextAreaElement).value)}
              />
            )}
          </Field>
        </>
      )}

      <Field id={`${id}-notice`} label={t('notice')} hint={t('noticeHint')}>
        {(field) => (
          <textarea
            id={field.id}
            rows={3}
            required
            value={notice}
            aria-describedby={field.describedBy}
            onInput={(e) => changed(setNotice)((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>

      {(claims.data?.items.length ?? 0) > 0 && (
        <Field id={`${id}-claim`} label={t('claim')}>
          {(field) => (
            <select
              id={field.id}
              value={claimId}
              onChange={(e) => changed(setClaimId)((e.target as HTMLSelectElement).value)}
            >
              <option value="">{t('noClaim')}</option>
              {claims.data!.items.map((claim) => (
                <option value={claim.id} key={claim.id}>
                  {claim.statement || claim.anchor?.exact || claim.id}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      <ErrorMessage error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={sending}>
          {t('propose')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
        {sending && (
          <span role="status" class="loading">
            {t('sending')}
          </span>
        )}
      </div>
    </form>
  );
}
