/** Every article with its counts: open claims, published verdicts, corrections. */
import { type Page, path, query } from '../api';
import { useApi } from '../hooks';
import { defineMessages, formatDate, formatNumber } from '../i18n';
import { href } from '../router';
import { ErrorMessage, Loading } from '../shell/ui';

export interface ArticleSummary {
  id: string;
  title: string;
  language: string;
  revision: number;
  publishedAt?: string | null;
  openClaims: number;
  publishedVerdicts: number;
  corrections: number;
}

const t = defineMessages({
  en: {
    title: 'Articles',
    article: 'Article',
    published: 'Published',
    revision: 'Revision',
    openClaims: 'Open claims',
    verdicts: 'Published verdicts',
    corrections: 'Corrections',
    none: 'No article has been imported yet.',
  },
  'zh-Hans': {
    title: '文章',
    article: '文章',
    published: '发布时间',
    revision: '修订版',
    openClaims: '待核查说法',
    verdicts: '已发布结论',
    corrections: '更正',
    none: '还没有导入任何文章。',
  },
});

export function ArticlesPage() {
  const list = useApi<Page<ArticleSummary>>(
    path.articles + query({ limit: 500 }),
    (change) =>
      change.streamId.startsWith('article-') ||
      change.type.startsWith('Verdict') ||
      change.type.startsWith('Correction') ||
      change.type.startsWith('Claim'),
  );
  return (
    <div class="page">
      <h1>{t('title')}</h1>
      <Loading when={list.loading && !list.data} />
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p>{t('none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t('article')}</th>
              <th scope="col">{t('published')}</th>
              <th scope="col" class="number">
                {t('revision')}
              </th>
              <th scope="col" class="number">
                {t('openClaims')}
              </th>
              <th scope="col" class="number">
                {t('verdicts')}
              </th>
              <th scope="col" class="number">
                {t('corrections')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((article) => (
              <tr key={article.id}>
                <td lang={article.language}>
                  <a href={href(['articles', article.id])}>{article.title}</a>
                </td>
                <td>{formatDate(article.publishedAt ?? undefined)}</td>
                <td class="number">{formatNumber(article.revision)}</td>
                <td class="number">{formatNumber(article.openClaims)}</td>
                <td class="number">{formatNumber(article.publishedVerdicts)}</td>
                <td class="number">{formatNumber(article.corrections)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
