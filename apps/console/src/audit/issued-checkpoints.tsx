/**
 * The latest checkpoints the log issued (`GET /v1/log/checkpoints`, auditors and admins), newest
 * first, each signature checked here against the same key as the latest one.
 */
import { useEffect, useState } from 'preact/hooks';
import { getJson, type Page, query } from '../api';
import { defineMessages, formatNumber, useLocale } from '../i18n';
import { ErrorMessage, Loading } from '../shell/ui';
import { type CheckpointVerification, verifyCheckpoint } from './checkpoint';
import { formatMoment } from './history';

interface IssuedCheckpoint {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  note: string;
}

const SHOWN = 5;
/** Pages read at most (500 each): the list is oldest first, so the newest are on the last page. */
const MAX_PAGES = 20;

const t = defineMessages({
  en: {
    heading: 'Issued checkpoints',
    count: (p) => `${p.count} issued; the latest ${p.shown}:`,
    treeSize: 'Tree size',
    issuedAt: 'Issued',
    signature: 'Signature',
    verified: 'verified',
    failed: 'not verified',
    unsupported: 'cannot verify in this browser',
  },
  'zh-Hans': {
    heading: '已签发的检查点',
    count: (p) => `共签发 ${p.count} 个；最新的 ${p.shown} 个：`,
    treeSize: '树大小',
    issuedAt: '签发时间',
    signature: '签名',
    verified: '已验证',
    failed: '未通过验证',
    unsupported: '此浏览器无法验证',
  },
});

async function latestCheckpoints(signal: AbortSignal): Promise<{
  count: number;
  latest: IssuedCheckpoint[];
}> {
  let all: IssuedCheckpoint[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await getJson<Page<IssuedCheckpoint>>(
      `/v1/log/checkpoints${query({ limit: 500, cursor })}`,
      { signal },
    );
    all = all.concat(answer.items);
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return { count: all.length, latest: all.slice(-SHOWN).reverse() };
}

export function IssuedCheckpoints(props: { keyText: string | undefined; refresh: number }) {
  useLocale();
  const [list, setList] = useState<{ count: number; latest: IssuedCheckpoint[] }>();
  const [results, setResults] = useState<CheckpointVerification[]>([]);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    latestCheckpoints(abort.signal).then(setList, (failure: unknown) => {
      if (!abort.signal.aborted) setError(failure);
    });
    return () => abort.abort();
  }, [props.refresh]);

  useEffect(() => {
    if (!list || !props.keyText) return;
    let current = true;
    setResults([]);
    Promise.all(list.latest.map((c) => verifyCheckpoint(c.note, props.keyText!))).then(
      (verified) => current && setResults(verified),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [list, props.keyText]);

  return (
    <div class="audit-issued">
      <h3>{t('heading')}</h3>
      <ErrorMessage error={error} />
      <Loading when={!list && !error} />
      {list && list.latest.length > 0 && (
        <>
          <p>{t('count', { count: formatNumber(list.count), shown: list.latest.length })}</p>
          <table class="list">
            <thead>
              <tr>
                <th scope="col" class="number">
                  {t('treeSize')}
                </th>
                <th scope="col">{t('issuedAt')}</th>
                <th scope="col">{t('signature')}</th>
              </tr>
            </thead>
            <tbody>
              {list.latest.map((checkpoint, i) => (
                <tr key={`${checkpoint.treeSize}/${checkpoint.issuedAt}`}>
                  <td class="number">{formatNumber(checkpoint.treeSize)}</td>
                  <td>
                    <time dateTime={checkpoint.issuedAt}>{formatMoment(checkpoint.issuedAt)}</time>
                  </td>
                  <td class={`audit-signature-${results[i]?.status ?? 'pending'}`}>
                    {results[i] && t(statusWord(results[i]))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function statusWord(result: CheckpointVerification): 'verified' | 'unsupported' | 'failed' {
  return result.status === 'failed' ? 'failed' : result.status;
}
