/**
 * How a correction's status came to be, from its audit history (standards editors, auditors and
 * admins may read it): who proposed, amended, approved, rejected or withdrew it, when, and why.
 */
import { path } from '../api';
import { useApi } from '../hooks';
import { defineMessages, formatDateTime, useLocale } from '../i18n';
import { ErrorMessage } from '../shell/ui';

const t = defineMessages({
  en: {
    title: 'History',
    CorrectionProposed: 'Proposed',
    CorrectionAmended: 'Amended',
    CorrectionApproved: 'Approved',
    CorrectionRejected: 'Rejected',
    CorrectionPublished: 'Published in revision {revision}',
    CorrectionWithdrawn: 'Withdrawn',
    AnnotationReanchored: 'Passage followed to revision {revision}',
    AnnotationOrphaned: 'Passage lost in revision {revision}',
    other: '{type}',
    by: 'by {actor}',
    system: 'the system',
    reason: 'Reason: {reason}',
  },
  'zh-Hans': {
    title: '历史',
    CorrectionProposed: '提出',
    CorrectionAmended: '修改',
    CorrectionApproved: '批准',
    CorrectionRejected: '驳回',
    CorrectionPublished: '随修订版 {revision} 发布',
    CorrectionWithdrawn: '撤回',
    AnnotationReanchored: '段落已跟随到修订版 {revision}',
    AnnotationOrphaned: '段落在修订版 {revision} 中丢失',
    other: '{type}',
    by: '操作者：{actor}',
    system: '系统',
    reason: '理由：{reason}',
  },
});

type Known = Parameters<typeof t>[0];

interface HistoryEntry {
  position: number;
  recordedAt: string;
  type: string;
  actor: { sub: string; name?: string };
  reason: string | null;
  data: Record<string, unknown>;
}

export function CorrectionHistory(props: { correctionId: string }) {
  useLocale();
  const stream = `correction-${props.correctionId}`;
  const history = useApi<{ items: HistoryEntry[] }>(
    `${path.correction(props.correctionId)}/history?limit=500`,
    (change) => change.streamId === stream,
  );
  const items = history.data?.items ?? [];
  return (
    <section class="correction-history">
      <h2>{t('title')}</h2>
      <ErrorMessage error={history.error} onRetry={history.reload} />
      <ol class="plain">
        {items.map((entry) => (
          <li key={entry.position}>
            <strong>{describe(entry)}</strong> · {t('by', { actor: actorName(entry) })} ·{' '}
            <time dateTime={entry.recordedAt}>{formatDateTime(entry.recordedAt)}</time>
            {reasonOf(entry) && (
              <div class="correction-reason">{t('reason', { reason: reasonOf(entry)! })}</div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function describe(entry: HistoryEntry): string {
  const revision =
    (entry.data.revision as number | undefined) ??
    (entry.data.anchor as { revision?: number } | null)?.revision ??
    '';
  const known = t(entry.type as Known, { revision });
  return known === entry.type ? t('other', { type: entry.type }) : known;
}

function actorName(entry: HistoryEntry): string {
  if (entry.actor.sub === 'system') return t('system');
  return entry.actor.name ?? entry.actor.sub;
}

function reasonOf(entry: HistoryEntry): string | undefined {
  const reason = entry.reason ?? entry.data.reason;
  return typeof reason === 'string' && reason !== '' ? reason : undefined;
}
