/**
 * The log panel: the integrity report (auditors and admins; a standards editor is told it is not
 * theirs) and the latest checkpoint verified in the browser (every role that audits).
 */
import { defineMessages } from '../i18n';
import { can, useSession } from '../session';
import { Checkpoint } from './checkpoint-panel';
import { Integrity } from './integrity-report';

const t = defineMessages({
  en: {
    heading: 'The log',
    auditorsOnly: 'The integrity report is for auditors and admins.',
  },
  'zh-Hans': {
    heading: '日志',
    auditorsOnly: '完整性报告仅供审计员和管理员查看。',
  },
});

export function LogPanel() {
  const session = useSession();
  return (
    <section class="audit-log panel" aria-labelledby="audit-log-heading">
      <h2 id="audit-log-heading">{t('heading')}</h2>
      {can.feed(session) ? <Integrity /> : <p class="explain">{t('auditorsOnly')}</p>}
      <Checkpoint />
    </section>
  );
}
