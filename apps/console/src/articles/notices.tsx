/** The published correction notices under the text; nothing at all when there are none. */
import { defineMessages, formatDateTime, formatNumber } from '../i18n';
import { wordFor } from './annotation-list';
import type { AnnotatedView } from './view-types';

const t = defineMessages({
  en: { notices: 'Corrections and notes', noticeOf: '{kind}, revision {revision}, {date}' },
  'zh-Hans': { notices: '更正与说明', noticeOf: '{kind}，第 {revision} 版，{date}' },
});

export function Notices(props: { view: AnnotatedView }) {
  if (props.view.notices.length === 0) return null;
  return (
    <section class="notices" aria-labelledby="reader-notices">
      <h2 id="reader-notices">{t('notices')}</h2>
      <ul class="plain">
        {props.view.notices.map((notice) => (
          <li key={notice.correctionId}>
            <p class="notice-meta">
              {t('noticeOf', {
                kind: wordFor(notice.kind),
                revision: formatNumber(notice.revision),
                date: formatDateTime(notice.publishedAt),
              })}
            </p>
            <p>{notice.notice}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
