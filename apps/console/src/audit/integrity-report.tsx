/** The server's own integrity check (SPEC §8, §9), in words: chains, read models, the log. */
import { useApi } from '../hooks';
import { defineMessages, formatNumber, useLocale } from '../i18n';
import { ErrorMessage, Loading } from '../shell/ui';

interface IntegrityReport {
  ok: boolean;
  streams: number;
  events: number;
  chains: { ok: boolean; broken: Array<{ streamId: string; revision: number; reason: string }> };
  readModels: { ok: boolean; differences: Array<{ model: string; key: string; detail: string }> };
  log?: {
    ok: boolean;
    treeSize: number;
    rootHash: string;
    checkpoints: number;
    problems: Array<{ reason: string; detail: string; leafIndex?: number; treeSize?: number }>;
  };
}

const t = defineMessages({
  en: {
    gap: ' ',
    integrity: 'Integrity',
    check: 'Check again',
    ok: 'Everything verifies.',
    notOk: 'Problems were found.',
    counts: (p) => `${p.streams} streams and ${p.events} events checked.`,
    chainsOk: 'Every stream’s hash chain is intact.',
    chainsBroken: 'Broken hash chains:',
    broken: 'Stream {streamId}, event {revision}: {reason}',
    modelsOk: 'The read models match a fresh replay of the log.',
    modelsDiffer: 'Read models that differ from a fresh replay:',
    difference: '{model} {key}: {detail}',
    logOk: (p) =>
      `The verifiable log holds ${p.size} leaves; ${p.checkpoints} issued checkpoints verify and the log extends each.`,
    logProblems: 'Log problems:',
  },
  'zh-Hans': {
    gap: '',
    integrity: '完整性',
    check: '重新检查',
    ok: '全部验证通过。',
    notOk: '发现问题。',
    counts: (p) => `已检查 ${p.streams} 个事件流、${p.events} 个事件。`,
    chainsOk: '每个事件流的哈希链都完好无损。',
    chainsBroken: '断裂的哈希链：',
    broken: '事件流 {streamId}，第 {revision} 个事件：{reason}',
    modelsOk: '读模型与重新回放日志的结果一致。',
    modelsDiffer: '与重新回放结果不一致的读模型：',
    difference: '{model} {key}：{detail}',
    logOk: (p) =>
      `可验证日志共有 ${p.size} 个叶子；已签发的 ${p.checkpoints} 个检查点均验证通过，日志是它们的延续。`,
    logProblems: '日志问题：',
  },
});

export function Integrity() {
  useLocale();
  const report = useApi<IntegrityReport>('/v1/admin/integrity');
  const data = report.data;
  return (
    <div class="audit-integrity">
      <h3>{t('integrity')}</h3>
      <Loading when={report.loading} />
      <ErrorMessage error={report.error} onRetry={report.reload} />
      {data && !report.loading && (
        <>
          <p class={data.ok ? 'notice' : 'error'} role="status">
            {data.ok ? t('ok') : t('notOk')}
            {t('gap')}
            {t('counts', {
              streams: formatNumber(data.streams),
              events: formatNumber(data.events),
            })}
          </p>
          <ul class="plain">
            {data.chains.ok ? (
              <li>{t('chainsOk')}</li>
            ) : (
              <li>
                {t('chainsBroken')}
                <ul>
                  {data.chains.broken.map((b) => (
                    <li key={`${b.streamId}/${b.revision}`}>{t('broken', { ...b })}</li>
                  ))}
                </ul>
              </li>
            )}
            {data.readModels.ok ? (
              <li>{t('modelsOk')}</li>
            ) : (
              <li>
                {t('modelsDiffer')}
                <ul>
                  {data.readModels.differences.map((d) => (
                    <li key={`${d.model}/${d.key}`}>{t('difference', { ...d })}</li>
                  ))}
                </ul>
              </li>
            )}
            {data.log &&
              (data.log.ok ? (
                <li>
                  {t('logOk', {
                    size: formatNumber(data.log.treeSize),
                    checkpoints: formatNumber(data.log.checkpoints),
                  })}
                </li>
              ) : (
                <li>
                  {t('logProblems')}
                  <ul>
                    {data.log.problems.map((p, i) => (
                      <li key={i}>{p.detail}</li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
        </>
      )}
      <button type="button" onClick={report.reload} disabled={report.loading}>
        {t('check')}
      </button>
    </div>
  );
}
