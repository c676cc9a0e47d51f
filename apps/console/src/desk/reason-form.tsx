/**
 * A step that needs a reason (reject, retract, withdraw): the reason's field, the refusal of an
 * empty one in words before anything is sent, and the button. The caller sends the request and
 * shows its outcome.
 */
import { useState } from 'preact/hooks';
import { defineMessages, useLocale } from '../i18n';
import { Field } from '../shell/ui';

const t = defineMessages({
  en: { needReason: 'Give a reason first.' },
  'zh-Hans': { needReason: '请先填写理由。' },
});

export function ReasonForm(props: {
  id?: string;
  label: string;
  hint?: string;
  button: string;
  busy: boolean;
  /** Sends the step with the reason; true when it was done, and the field is emptied. */
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  useLocale();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    const empty = reason.trim() === '';
    setMissing(empty);
    if (empty) return;
    if (await props.onSubmit(reason)) setReason('');
  };

  return (
    <>
      <Field id={props.id} label={props.label} hint={props.hint}>
        {(field) => (
          <textarea
            id={field.id}
            rows={2}
            value={reason}
            aria-describedby={field.describedBy}
            aria-invalid={missing ? 'true' : undefined}
            onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      {missing && (
        <div class="error" role="alert">
          <p>{t('needReason')}</p>
        </div>
      )}
      <div class="actions">
        <button type="button" class="danger" disabled={props.busy} onClick={() => void submit()}>
          {props.button}
        </button>
      </div>
    </>
  );
}
