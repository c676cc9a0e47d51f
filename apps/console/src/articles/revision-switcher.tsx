/** The labelled choice of revision: switching changes the route, so the revision can be linked. */
import { defineMessages, formatNumber } from '../i18n';
import { navigate } from '../router';

const t = defineMessages({
  en: { revision: 'Revision', current: '{n} (current)' },
  'zh-Hans': { revision: '修订版', current: '{n}（当前）' },
});

export function RevisionSwitcher(props: { articleId: string; shown: number; current: number }) {
  const revisions = Array.from({ length: props.current }, (_, index) => index + 1);
  return (
    <div class="revision-switcher">
      <label for="reader-revision">{t('revision')}</label>
      <select
        id="reader-revision"
        value={String(props.shown)}
        onChange={(event) => {
          const chosen = Number((event.target as HTMLSelectElement).value);
          navigate(['articles', props.articleId], {
            revision: chosen === props.current ? undefined : chosen,
          });
        }}
      >
        {revisions.map((revision) => (
          <option key={revision} value={String(revision)}>
            {revision === props.current
              ? t('current', { n: formatNumber(revision) })
              : formatNumber(revision)}
          </option>
        ))}
      </select>
    </div>
  );
}
