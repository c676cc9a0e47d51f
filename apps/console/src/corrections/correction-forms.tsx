/** The forms of a correction's actions: an amendment, and a reason for a rejection or withdrawal. */
import { useId, useRef, useState } from 'preact/hooks';
import { defineMessages } from '../i18n';
import { Field } from '../shell/ui';
import type { Correction } from './correction-types';

const t = defineMessages({
  en: {
    passage: 'Passage as it reads now',
    passageHint:
      'The lost passage, found again by its text in the current revision (its old surroundings choose among repeats).',
    replacement: 'Replacement',
    replacementHint: 'The new text for the passage. Leave it empty to delete the passage.',
    keepText: 'Leave the text as it is (only publish the note)',
    notice: 'Notice',
    saveAmendment: 'Save amendment',
    reason: 'Reason',
    cancel: 'Cancel',
  },
  'zh-Hans': {
    passage: '段落现在的文字',
    passageHint: '按文字在当前修订版中重新找到丢失的段落（原来的上下文用于区分重复之处）。',
    replacement: '替换文字',
    replacementHint: '该段落的新文字。留空则删除该段落。',
    keepText: '只添加说明（不修改正文）',
    notice: '更正说明',
    saveAmendment: '保存修改',
    reason: '理由',
    cancel: '取消',
  },
});

export interface AmendBody {
  selector?: { exact: string; prefix: string; suffix: string };
  replacement?: string | null;
  notice: string;
}

export function AmendForm(props: {
  correction: Correction;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: AmendBody) => void;
}) {
  const id = useId();
  const { correction } = props;
  const { anchor } = correction;
  const isNote = correction.kind === 'editors_note';
  const lost = anchor?.state === 'orphaned';
  const [passage, setPassage] = useState(anchor?.exact ?? '');
  const [keepText, setKeepText] = useState(correction.replacement === null);
  const [replacement, setReplacement] = useState(correction.replacement ?? '');
  const [notice, setNotice] = useState(correction.notice);
  const keeps = isNote || keepText;
  return (
    <form
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        const body: AmendBody = { notice };
        if (!isNote) body.replacement = keeps ? null : replacement;
        // Without a revision, the server finds the quote in the current one.
        if (lost) body.selector = { exact: passage, prefix: anchor.prefix, suffix: anchor.suffix };
        props.onSubmit(body);
      }}
    >
      {lost && (
        <Field id={`${id}-passage`} label={t('passage')} hint={t('passageHint')}>
          {(field) => (
            <textarea
              id={field.id}
              rows={2}
              required
              value={passage}
              aria-describedby={field.describedBy}
              onInput={(e) => setPassage((e.target as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
      )}
      {!isNote && anchor && (
        <>
          <div class="field correction-check">
            <label>
              <input
                type="checkbox"
                checked={keepText}
                onChange={(e) => setKeepText((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('keepText')}
            </label>
          </div>
          <Field id={`${id}-replacement`} label={t('replacement')} hint={t('replacementHint')}>
            {(field) => (
              <textarea
                id={field.id}
                rows={3}
                value={keeps ? '' : replacement}
                disabled={keeps}
                aria-describedby={field.describedBy}
                onInput={(e) => setReplacement((e.target as HTMLTextAreaElement).value)}
              />
            )}
          </Field>
        </>
      )}
      <Field id={`${id}-notice`} label={t('notice')}>
        {(field) => (
          <textarea
            id={field.id}
            rows={3}
            required
            value={notice}
            onInput={(e) => setNotice((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={props.busy}>
          {t('saveAmendment')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

export function ReasonForm(props: {
  hint: string;
  confirm: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string, idempotencyKey: string) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  // One key per reason: sending the same again appends it once.
  const key = useRef({ reason: '', key: crypto.randomUUID() });
  return (
    <form
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (key.current.reason !== reason) key.current = { reason, key: crypto.randomUUID() };
        props.onSubmit(reason, key.current.key);
      }}
    >
      <Field id={`${id}-reason`} label={t('reason')} hint={props.hint}>
        {(field) => (
          <textarea
            id={field.id}
            rows={3}
            required
            value={reason}
            aria-describedby={field.describedBy}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="danger" disabled={props.busy}>
          {props.confirm}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
