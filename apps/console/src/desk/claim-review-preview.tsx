/** The published verdict as schema.org ClaimReview (JSON-LD): what a search engine would read. */
import { useState } from 'preact/hooks';
import { path } from '../api';
import { useApi } from '../hooks';
import { defineMessages, useLocale } from '../i18n';
import { ErrorMessage, Loading } from '../shell/ui';

const t = defineMessages({
  en: {
    heading: 'ClaimReview (schema.org)',
    hint: 'The JSON-LD a page publishing this fact-check embeds for search engines.',
    copy: 'Copy JSON-LD',
    copied: 'Copied.',
    copyFailed: 'The browser did not allow copying; select the text and copy it.',
  },
  'zh-Hans': {
    heading: 'ClaimReview (schema.org)',
    hint: '发布此核查结果的网页为搜索引擎嵌入的 JSON-LD。',
    copy: '复制 JSON-LD',
    copied: '已复制。',
    copyFailed: '浏览器不允许复制；请选中文字后复制。',
  },
});

export function ClaimReviewPreview(props: { claimId: string }) {
  useLocale();
  const review = useApi<unknown>(`${path.claim(props.claimId)}/claim-review`);
  const [copy, setCopy] = useState<'copied' | 'copyFailed' | undefined>();
  const text = review.data === undefined ? '' : JSON.stringify(review.data, null, 2);
  return (
    <section class="claim-review" aria-labelledby="claim-review-heading">
      <h2 id="claim-review-heading">{t('heading')}</h2>
      <p class="field-hint">{t('hint')}</p>
      <Loading when={review.loading && review.data === undefined} />
      <ErrorMessage error={review.error} onRetry={review.reload} />
      {text && (
        <>
          <div class="actions">
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard
                  .writeText(text)
                  .then(() => setCopy('copied'))
                  .catch(() => setCopy('copyFailed'))
              }
            >
              {t('copy')}
            </button>
            {copy && (
              <span role="status" class={copy === 'copied' ? 'copy-ok' : 'copy-failed'}>
                {t(copy)}
              </span>
            )}
          </div>
          <pre class="json-ld" tabIndex={0} aria-labelledby="claim-review-heading">
            <code>{text}</code>
          </pre>
        </>
      )}
    </section>
  );
}
