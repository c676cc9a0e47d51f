/** Small pieces every page uses: errors in words, loading, notices. */
import type { ComponentChildren } from 'preact';
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
