/** One correction: its passage, replacement and notice; amend, approve, reject, withdraw; the diff once published. */
import { useEffect } from 'preact/hooks';
import { path } from '../api';
import { useApi } from '../hooks';
import { defineMessages, formatDateTime, useLocale } from '../i18n';
import { href } from '../router';
import { can, useSession } from '../session';
import { ErrorMessage, Loading } from '../shell/ui';
import { CorrectionActions } from './correction-actions';
import { CorrectionHistory } from './correction-history';
import { type Correction, kindName, statusName } from './correction-types';
import { QuoteInContext } from './quote-in-context';
import { RevisionDiff } from './revision-diff';

const t = defineMessages({
  en: {
    article: 'Article',
    kind: 'Kind',
    status: 'Status',
    proposedBy: 'Proposed by',
    amendedBy: 'Amended by',
    passage: 'Passage',
    revision: 'Revision {revision}',
    anchored: 'anchored',
    orphaned: 'lost in a later revision',
    wholeArticle: 'The whole article (no passage).',
    deletedPassage: 'The passage was deleted by this correction.',
    replacement: 'Replacement',
    deletes: 'Deletes the passage (empty replacement).',
    noTextChange: 'No change to the text: only the notice is published.',
    notice: 'Notice',
    publishedOn: 'Published {date} with revision {revision}.',
    claim: 'Answers a claim',
    openClaim: 'Open the claim',
    publishing: 'Approved: the system is publishing it…',
  },
  'zh-Hans': {
    article: '文章',
    kind: '类型',
    status: '状态',
    proposedBy: '提出者',
    amendedBy: '修改者',
    passage: '段落',
    revision: '修订版 {revision}',
    anchored: '已锚定',
    orphaned: '在之后的修订中丢失',
    wholeArticle: '整篇文章（无特定段落）。',
    deletedPassage: '此更正删除了该段落。',
    replacement: '替换文字',
    deletes: '删除该段落（替换文字为空）。',
    noTextChange: '不修改正文：只发布更正说明。',
    notice: '更正说明',
    publishedOn: '已于{date}随修订版 {revision} 发布。',
    claim: '针对的说法',
    openClaim: '打开该说法',
    publishing: '已批准：系统正在发布…',
  },
});

interface ArticleMeta {
  title: string;
  language?: string;
}

export function CorrectionPage(props: { correctionId: string }) {
  useLocale();
  const session = useSession();
  const { correctionId } = props;
  const stream = `correction-${correctionId}`;
  const loaded = useApi<Correction>(path.correction(correctionId), (c) => c.streamId === stream);
  const correction = loaded.data;
  const article = useApi<ArticleMeta>(correction && path.article(correction.articleId));

  // The live log says when the system publishes an approved correction; should the live
  // stream be down, asking again every second until then keeps the page true.
  const publishing = correction?.status === 'approved';
  useEffect(() => {
    if (!publishing) return;
    const timer = setInterval(loaded.reload, 1000);
    return () => clearInterval(timer);
  }, [publishing, loaded.reload]);

  if (!correction) {
    return (
      <div class="page">
        <Loading when={loaded.loading} />
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  }

  const { anchor } = correction;
  const amenders = correction.authors.filter((sub) => sub !== correction.proposedBy);
  return (
    <div class="page correction-page">
      <h1>
        {kindName(correction.kind)}{' '}
        <span class={`correction-status correction-status-${correction.status}`}>
          {statusName(correction.status)}
        </span>
      </h1>
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      <dl class="correction-facts">
        <dt>{t('article')}</dt>
        <dd>
          <a href={href(['articles', correction.articleId])} lang={article.data?.language}>
            {article.data?.title ?? correction.articleId}
          </a>
        </dd>
        <dt>{t('proposedBy')}</dt>
        <dd>
          {correction.proposedBy} · {formatDateTime(correction.proposedAt)}
        </dd>
        {amenders.length > 0 && (
          <>
            <dt>{t('amendedBy')}</dt>
            <dd>{amenders.join(', ')}</dd>
          </>
        )}
        {correction.claimId && (
          <>
            <dt>{t('claim')}</dt>
            <dd>
              <a href={href(['claims', correction.claimId])}>{t('openClaim')}</a>
            </dd>
          </>
        )}
      </dl>

      <h2>{t('passage')}</h2>
      {anchor ? (
        <>
          <p class="correction-anchor-state">
            {t('revision', { revision: anchor.revision })} ·{' '}
            {anchor.state === 'orphaned' ? t('orphaned') : t('anchored')}
          </p>
          <div lang={article.data?.language}>
            <QuoteInContext exact={anchor.exact} prefix={anchor.prefix} suffix={anchor.suffix} />
          </div>
        </>
      ) : (
        <p>
          {correction.status === 'published' && correction.replacement === ''
            ? t('deletedPassage')
            : t('wholeArticle')}
        </p>
      )}

      <h2>{t('replacement')}</h2>
      {correction.replacement === null ? (
        <p>{t('noTextChange')}</p>
      ) : correction.replacement === '' ? (
        <p>{t('deletes')}</p>
      ) : (
        <p class="correction-replacement" lang={article.data?.language}>
          {correction.replacement}
        </p>
      )}

      <h2>{t('notice')}</h2>
      <p class="correction-notice" lang={article.data?.language}>
        {correction.notice}
      </p>
      {correction.status === 'published' && correction.publishedRevision !== null && (
        <p class="correction-published">
          {t('publishedOn', {
            date: formatDateTime(correction.publishedAt ?? undefined),
            revision: correction.publishedRevision,
          })}
        </p>
      )}
      {publishing && (
        <p role="status" class="loading">
          {t('publishing')}
        </p>
      )}

      <CorrectionActions correction={correction} session={session} onChanged={loaded.reload} />

      {correction.status === 'published' &&
        correction.replacement !== null &&
        correction.publishedRevision !== null &&
        correction.publishedRevision > 1 && (
          <RevisionDiff
            articleId={correction.articleId}
            revision={correction.publishedRevision}
            lang={article.data?.language}
          />
        )}

      {can.audit(session) && <CorrectionHistory correctionId={correctionId} />}
    </div>
  );
}
