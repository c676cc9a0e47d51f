/** Small pieces every page uses: errors in words, loading, notices, labelled fields. */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { describeError } from '../errors';
import { defineMessages } from '../i18n';

const t = defineMessages({
  en: { loading: 'Loading…', retry: 'Try again', dismiss: 'Dismiss' },
  'zh-Hans': { loading: '加载中…', retry: '重试', dismiss: '关闭' },
});

/** A refusal or failure in words, announced to screen readers. */
export function ErrorMessage(props: { error: unknown; onRetry?: () => void }) {
  if (props.error === undefined || props.error === null) return null;
  return (
    <div class="error" role="alert">
      <p>{describeError(props.error)}</p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading(props: { when: boolean }) {
  return props.when ? (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  ) : null;
}

/** A status or confirmation, announced politely. */
export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {props.children}
    </p>
  );
}

/** What a field gives its control: the id its label points at, and the id of its hint. */
export interface FieldControl {
  id: string;
  /** The hint's id, or undefined when the field has no hint. */
  describedBy: string | undefined;
}

/**
 * A labelled form field: the label, the control, the hint. The label holds only the label's
 * words, so they are the control's whole accessible name; the hint stands beside it and is read
 * as the control's description through aria-describedby (`describedBy`, which a control joins
 * with ids of its own, such as a live count). The label points at the control by id rather than
 * wrapping it: a wrapping label would add its hint, or a select's chosen option, to the name.
 */
export function Field(props: {
  /** The control's id; a generated one when the page need not know it. */
  id?: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  children: (control: FieldControl) => ComponentChildren;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  const hasHint = props.hint !== undefined && props.hint !== null && props.hint !== false;
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      {props.children({ id, describedBy: hasHint ? hintId : undefined })}
      {hasHint && (
        <span class="field-hint" id={hintId}>
          {props.hint}
        </span>
      )}
    </div>
  );
}
