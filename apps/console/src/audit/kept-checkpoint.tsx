/**
 * A checkpoint the auditor kept, checked against today's log: its signature, then the server's
 * consistency proof from its tree to the latest checkpoint's, verified here (auditors and
 * admins, who may read proofs). A log rewritten, truncated or reordered under it is caught.
 */
import { useState } from 'preact/hooks';
import { getJson, query } from '../api';
import { defineMessages, formatNumber, useLocale } from '../i18n';
import { ErrorMessage, Field } from '../shell/ui';
import type { CheckpointBody } from './checkpoint';
import { checkKeptCheckpoint, type KeptCheckpointCheck } from './consistency';
import { verificationWords } from './verification-words';

const t = defineMessages({
  en: {
    gap: ' ',
    heading: 'A checkpoint you kept',
    kept: 'Kept checkpoint',
    keptHint:
      'Paste a signed checkpoint you kept earlier (the whole note). The console checks that today’s log extends it unchanged.',
    check: 'Check the log extends it',
    needsLatest: 'The latest checkpoint must verify first.',
    extends: (p) =>
      `The log extends your kept checkpoint unchanged: its ${p.kept} leaves are the first ${p.kept} of today’s ${p.latest}.`,
    notVerified: 'Your kept checkpoint does not verify with this key.',
    otherLog: 'Your kept checkpoint is of another log ({origin}).',
    shorter: (p) =>
      `The log now holds fewer leaves (${p.latest}) than your kept checkpoint (${p.kept}): it was truncated or replaced.`,
    inconsistent: (p) =>
      `The log does not extend your kept checkpoint: what its ${p.kept} leaves covered was changed, removed or reordered.`,
  },
  'zh-Hans': {
    gap: '',
    heading: '你保存的检查点',
    kept: '保存的检查点',
    keptHint: '粘贴你之前保存的签名检查点（完整文本）。控制台将核对今天的日志是否原样延续了它。',
    check: '核对日志是否延续它',
    needsLatest: '须先验证最新检查点。',
    extends: (p) =>
      `日志原样延续了你保存的检查点：它的 ${p.kept} 个叶子就是今天 ${p.latest} 个叶子中的前 ${p.kept} 个。`,
    notVerified: '你保存的检查点无法用此密钥验证。',
    otherLog: '你保存的检查点属于另一个日志（{origin}）。',
    shorter: (p) =>
      `日志现在的叶子数（${p.latest}）少于你保存的检查点（${p.kept}）：日志被截短或替换了。`,
    inconsistent: (p) =>
      `日志没有延续你保存的检查点：它的 ${p.kept} 个叶子所覆盖的内容被修改、删除或重新排序了。`,
  },
});

function proofOf(first: number, second: number): Promise<string[]> {
  return getJson<{ hashes: string[] }>(
    `/v1/log/proofs/consistency${query({ first, second })}`,
  ).then((proof) => proof.hashes);
}

export function KeptCheckpoint(props: {
  latest: CheckpointBody | undefined;
  keyText: string | undefined;
}) {
  useLocale();
  const [note, setNote] = useState('');
  const [check, setCheck] = useState<KeptCheckpointCheck>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { latest, keyText } = props;

  function run(event: Event) {
    event.preventDefault();
    if (!latest || !keyText) return;
    setBusy(true);
    setError(undefined);
    setCheck(undefined);
    // A note pasted from a page or a file may have lost its final newline or gained CRs.
    const normalized = `${note.replace(/\r\n?/g, '\n').replace(/\n*$/, '')}\n`;
    checkKeptCheckpoint(normalized, latest, keyText, proofOf)
      .then(setCheck, setError)
      .finally(() => setBusy(false));
  }

  return (
    <form class="audit-kept" onSubmit={run}>
      <h3>{t('heading')}</h3>
      <Field
        id="audit-kept"
        label={t('kept')}
        hint={
          <>
            {t('keptHint')}
            {!latest && t('gap') + t('needsLatest')}
          </>
        }
      >
        {(field) => (
          <textarea
            id={field.id}
            rows={5}
            spellcheck={false}
            value={note}
            aria-describedby={field.describedBy}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy || !latest || !note.trim()}>
          {t('check')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {check && <CheckWords check={check} keyText={keyText ?? ''} />}
    </form>
  );
}

function CheckWords(props: { check: KeptCheckpointCheck; keyText: string }) {
  const { check } = props;
  if (check.status === 'extends') {
    return (
      <p class="notice audit-kept-result" role="status">
        {t('extends', {
          kept: formatNumber(check.kept.treeSize),
          latest: formatNumber(check.latest.treeSize),
        })}
      </p>
    );
  }
  const sizes =
    check.status === 'kept_not_verified'
      ? { kept: '', latest: '' }
      : { kept: formatNumber(check.kept.treeSize), latest: formatNumber(check.latest.treeSize) };
  const words =
    check.status === 'kept_not_verified'
      ? t('notVerified') + t('gap') + verificationWords(check.verification, props.keyText)
      : check.status === 'other_log'
        ? t('otherLog', { origin: check.kept.origin })
        : check.status === 'log_shorter'
          ? t('shorter', sizes)
          : t('inconsistent', sizes);
  return (
    <p class="error audit-kept-result" role="alert">
      {words}
    </p>
  );
}
