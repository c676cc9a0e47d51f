/**
 * The log's latest checkpoint, its signature checked by this page against the verifier key: the
 * server's, or one the auditor pinned. Only a pinned key, obtained elsewhere, shows that the log
 * is the one the auditor was told to expect; the server's own key only shows the server signed.
 */
import { useEffect, useState } from 'preact/hooks';
import { getText } from '../api';
import { defineMessages, formatNumber, useLocale } from '../i18n';
import { can, useSession } from '../session';
import { ErrorMessage, Field, Loading } from '../shell/ui';
import {
  type CheckpointBody,
  type CheckpointVerification,
  formatKeyId,
  verifyCheckpoint,
} from './checkpoint';
import { IssuedCheckpoints } from './issued-checkpoints';
import { KeptCheckpoint } from './kept-checkpoint';
import { verificationWords } from './verification-words';

const PIN_STORAGE_KEY = 'marginalia.pinnedVerifierKey';

const t = defineMessages({
  en: {
    gap: ' ',
    checkpoint: 'Latest checkpoint',
    origin: 'Origin',
    treeSize: 'Tree size',
    rootHash: 'Root hash',
    unverified: '(not verified)',
    verified: 'Signature verified with key {key}.',
    verifiedServer: 'Signed by the server’s own key. Pin the key you were given to be sure.',
    verifiedPinned: 'Signed by the key you pinned.',
    pinned: 'Pinned verifier key',
    pinnedHint:
      'Paste the key you were given through a channel you trust. Left empty, the server’s own key is used.',
    serverKey: 'Server’s key: {key}',
    verify: 'Verify with this key',
    unpin: 'Use the server’s key',
    latest: 'Fetch the latest checkpoint',
    note: 'The signed note, to keep for a later check',
  },
  'zh-Hans': {
    gap: '',
    checkpoint: '最新检查点',
    origin: '来源',
    treeSize: '树大小',
    rootHash: '根哈希',
    unverified: '（未验证）',
    verified: '签名已用密钥 {key} 验证。',
    verifiedServer: '由服务器自己的密钥签名。请固定你获得的密钥以确认无误。',
    verifiedPinned: '由你固定的密钥签名。',
    pinned: '固定的验证密钥',
    pinnedHint: '粘贴你通过可信渠道获得的密钥。留空则使用服务器自己的密钥。',
    serverKey: '服务器的密钥：{key}',
    verify: '用此密钥验证',
    unpin: '使用服务器的密钥',
    latest: '获取最新检查点',
    note: '签名文本（可保存，以便日后核对）',
  },
});

function readPin(): string {
  try {
    return localStorage.getItem(PIN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function Checkpoint() {
  useLocale();
  const session = useSession();
  const [pin, setPin] = useState(readPin);
  const [pinInput, setPinInput] = useState(pin);
  const [note, setNote] = useState<string>();
  const [serverKey, setServerKey] = useState<string>();
  const [result, setResult] = useState<CheckpointVerification>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setError(undefined);
    Promise.all([
      getText('/v1/log/checkpoint', { signal: abort.signal }),
      getText('/v1/log/key', { signal: abort.signal }),
    ]).then(
      ([checkpoint, key]) => {
        setNote(checkpoint);
        setServerKey(key.trim());
      },
      (failure: unknown) => {
        if (!abort.signal.aborted) setError(failure);
      },
    );
    return () => abort.abort();
  }, [generation]);

  const key = pin || serverKey;
  useEffect(() => {
    if (note === undefined || key === undefined) return;
    let current = true;
    setResult(undefined);
    verifyCheckpoint(note, key).then(
      (verification) => current && setResult(verification),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [note, key]);

  function choosePin(value: string) {
    setPin(value);
    setPinInput(value);
    try {
      if (value) localStorage.setItem(PIN_STORAGE_KEY, value);
      else localStorage.removeItem(PIN_STORAGE_KEY);
    } catch {
      // a pin that cannot be kept still applies to this page
    }
  }

  const shown = result?.checkpoint;
  return (
    <div class="audit-checkpoint">
      <h3>{t('checkpoint')}</h3>
      <ErrorMessage error={error} onRetry={() => setGeneration((n) => n + 1)} />
      <Loading when={!result && !error} />
      {shown && <CheckpointLines checkpoint={shown} verified={result?.status === 'verified'} />}
      {result && <VerificationLine result={result} keyText={key ?? ''} pinned={Boolean(pin)} />}
      {note && (
        <details>
          <summary>{t('note')}</summary>
          <pre class="audit-note">{note}</pre>
        </details>
      )}
      <div class="actions">
        <button type="button" onClick={() => setGeneration((n) => n + 1)}>
          {t('latest')}
        </button>
      </div>
      <form
        class="audit-pin"
        onSubmit={(event) => {
          event.preventDefault();
          choosePin(pinInput.trim());
        }}
      >
        <Field
          id="audit-pin"
          label={t('pinned')}
          hint={
            <>
              {t('pinnedHint')}
              {serverKey && t('gap') + t('serverKey', { key: serverKey })}
            </>
          }
        >
          {(field) => (
            <input
              id={field.id}
              type="text"
              value={pinInput}
              spellcheck={false}
              autoComplete="off"
              aria-describedby={field.describedBy}
              onInput={(event) => setPinInput((event.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit">{t('verify')}</button>
          {pin && (
            <button type="button" onClick={() => choosePin('')}>
              {t('unpin')}
            </button>
          )}
        </div>
      </form>
      {can.feed(session) && (
        <>
          <KeptCheckpoint
            latest={result?.status === 'verified' ? result.checkpoint : undefined}
            keyText={key}
          />
          <IssuedCheckpoints keyText={key} refresh={generation} />
        </>
      )}
    </div>
  );
}

function CheckpointLines(props: { checkpoint: CheckpointBody; verified: boolean }) {
  const { checkpoint } = props;
  const suffix = props.verified ? '' : ` ${t('unverified')}`;
  return (
    <dl class="audit-checkpoint-lines">
      <dt>{t('origin')}</dt>
      <dd>
        <code>{checkpoint.origin}</code>
        {suffix}
      </dd>
      <dt>{t('treeSize')}</dt>
      <dd>
        {formatNumber(checkpoint.treeSize)}
        {suffix}
      </dd>
      <dt>{t('rootHash')}</dt>
      <dd>
        <code>{checkpoint.rootHash}</code>
        {suffix}
      </dd>
    </dl>
  );
}

function VerificationLine(props: {
  result: CheckpointVerification;
  keyText: string;
  pinned: boolean;
}) {
  const { result } = props;
  if (result.status === 'verified') {
    const key = `${result.key.name}+${formatKeyId(result.key.keyId)}`;
    return (
      <p class="notice audit-verification" role="status">
        {t('verified', { key })}
        {t('gap')}
        {props.pinned ? t('verifiedPinned') : t('verifiedServer')}
      </p>
    );
  }
  return (
    <p
      class={`${result.status === 'unsupported' ? 'explain' : 'error'} audit-verification`}
      role={result.status === 'unsupported' ? 'status' : 'alert'}
    >
      {verificationWords(result, props.keyText)}
    </p>
  );
}
