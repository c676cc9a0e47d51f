/** The forms of a correction's actions: an amendment, and a reason for a rejection or withdrawal. */
import { useId, useRef, useState } from 'preact/hooks';
import { defineMessages } from '../i18n';
import type { Correction } from './correction-types';

const t = defineMessages({
  en: {
    replacement: 'Replacement',
    replacementHint: 'The new text for the passage. Leave it empty to delete the passage.',
    keepText: 'Leave the text as it is (only publish the note)',
    notice: 'Notice',
    saveAmendment: 'Save amendment',
    reason: 'Reason',
    cancel: 'Cancel',
  },
  'zh-Hans': {
    replacement: '替换文字',
    replacementHint: '该段落的新文字。留空则删除该段落。',
    keepText: '只添加说明（不修改正文）',
    notice: '更正说明',
    saveAmendment: '保存修改',
    reason: '理由',
    cancel: '取消',
  },
});

export function AmendForm(props: {
  correction: Correction;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: { replacement?: string | null; notice: string }) => void;
}) {
  const id = useId();
  const { correction } = props;
  const isNote = correction.kind === 'editors_note';
  const [keepText, setKeepText] = useState(correction.replacement === null);
  const [replacement, setReplacement] = useState(correction.replacement ?? '');
  const [notice, setNotice] = useState(correction.notice);
  const keeps = isNote || keepText;
  return (
    <form
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit(isNote ? { notice } : { replacement: keeps ? null : replacement, notice });
      }}
    >
      {!isNote && correction.anchor && (
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
          <div class="field">
            <label class="field-label" for={`${id}-replacement`}>
              {t('replacement')}
            </label>
            <textarea
              id={`${id}-replacement`}
              rows={3}
              value={keeps ? '' : replacement}
              disabled={keeps}
              aria-describedby={`${id}-replacement-hint`}
              onInput={(e) => setReplacement((e.target as HTMLTextAreaElement).value)}
            />
            <span class="field-hint" id={`${id}-replacement-hint`}>
              {t('replacementHint')}
            </span>
          </div>
        </>
      )}
      <div class="field">
        <label class="field-label" for={`${id}-notice`}>
          {t('notice')}
        </label>
        <textarea
          id={`${id}-notice`}
          rows={3}
          required
          value={notice}
          onInput={(e) => setNotice((e.target as HTMLTextAreaElement).value)}
        />
      </div>
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
      <div class="field">
        <label class="field-label" for={`${id}-reason`}>
          {t('reason')}
        </label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          required
          value={reason}
          aria-describedby={`${id}-reason-hint`}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
        <span class="field-hint" id={`${id}-reason-hint`}>
          {props.hint}
        </span>
      </div>
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
