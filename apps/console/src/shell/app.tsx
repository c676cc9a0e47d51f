/** The frame of every page: where you are, who you are, the language, and the page itself. */
import { useEffect, useState } from 'preact/hooks';
import { ArticlesPage } from '../articles/articles-page';
import { ReaderPage } from '../articles/reader-page';
import { AuditPage } from '../audit/audit-page';
import { consoleConfig } from '../config';
import { CorrectionPage } from '../corrections/correction-page';
import { ClaimPage } from '../desk/claim-page';
import { DeskPage } from '../desk/desk-page';
import { defineMessages, type Locale, setLocale, useLocale } from '../i18n';
import { type LiveStatus, onLiveStatus } from '../live';
import { href, type Route, useRoute } from '../router';
import { can, signIn, signOut, useSession } from '../session';
import { completeSingleSignOn } from '../sign-in/oidc';
import { roleName, SignInPage } from '../sign-in/sign-in-page';
import { ErrorMessage } from './ui';

const t = defineMessages({
  en: {
    skip: 'Skip to content',
    product: 'Marginalia',
    navigation: 'Console',
    articles: 'Articles',
    desk: 'Claim desk',
    audit: 'Audit',
    language: 'Language',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name} ({roles})',
    off: 'Not live',
    connecting: 'Connecting…',
    live: 'Live',
    retrying: 'Reconnecting…',
    notFound: 'There is no such page.',
  },
  'zh-Hans': {
    skip: '跳到正文',
    product: 'Marginalia',
    navigation: '控制台',
    articles: '文章',
    desk: '核查台',
    audit: '审计',
    language: '语言',
    signOut: '退出登录',
    signedInAs: '当前用户：{name}（{roles}）',
    off: '未实时更新',
    connecting: '正在连接…',
    live: '实时',
    retrying: '正在重新连接…',
    notFound: '没有这个页面。',
  },
});

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-Hans': '简体中文' };

export function App() {
  const locale = useLocale();
  const session = useSession();
  const route = useRoute();
  const [returning, setReturning] = useState(true);
  const [ssoError, setSsoError] = useState<unknown>();

  useEffect(() => {
    consoleConfig()
      .then((config) => completeSingleSignOn(config.oidc))
      .then((completed) => {
        if (completed) signIn(completed);
      })
      .catch(setSsoError)
      .finally(() => setReturning(false));
  }, []);

  useEffect(() => {
    document.title = `${pageTitle(route)} · ${t('product')}`;
  }, [route, locale]);

  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('skip')}
      </a>
      <header class="top">
        <span class="brand">{t('product')}</span>
        {session && (
          <nav aria-label={t('navigation')}>
            <a
              href={href(['articles'])}
              aria-current={
                route.parts[0] === 'articles' || route.parts.length === 0 ? 'page' : undefined
              }
            >
              {t('articles')}
            </a>
            <a
              href={href(['desk'])}
              aria-current={
                route.parts[0] === 'desk' ||
                route.parts[0] === 'claims' ||
                route.parts[0] === 'corrections'
                  ? 'page'
                  : undefined
              }
            >
              {t('desk')}
            </a>
            {can.audit(session) && (
              <a
                href={href(['audit'])}
                aria-current={route.parts[0] === 'audit' ? 'page' : undefined}
              >
                {t('audit')}
              </a>
            )}
          </nav>
        )}
        <span class="spacer" />
        {session && <LiveIndicator />}
        <label class="language">
          <span>{t('language')}</span>
          <select
            value={locale}
            onChange={(event) => setLocale((event.target as HTMLSelectElement).value as Locale)}
          >
            {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((value) => (
              <option value={value} lang={value} key={value}>
                {LANGUAGE_NAMES[value]}
              </option>
            ))}
          </select>
        </label>
        {session && (
          <>
            <span class="who">
              {t('signedInAs', {
                name: session.name ?? session.sub,
                roles: session.roles.map(roleName).join(', '),
              })}
            </span>
            <button type="button" onClick={signOut}>
              {t('signOut')}
            </button>
          </>
        )}
      </header>
      <ErrorMessage error={ssoError} />
      <main id="main" tabIndex={-1}>
        {returning ? null : session ? <Page route={route} /> : <SignInPage />}
      </main>
    </>
  );
}

function LiveIndicator() {
  const [status, setStatus] = useState<LiveStatus>('off');
  useEffect(() => onLiveStatus(setStatus), []);
  return (
    <span class={`live live-${status}`} role="status">
      {t(status)}
    </span>
  );
}

function pageTitle(route: Route): string {
  switch (route.parts[0]) {
    case 'desk':
    case 'claims':
    case 'corrections':
      return t('desk');
    case 'audit':
      return t('audit');
    default:
      return t('articles');
  }
}

function Page(props: { route: Route }) {
  const [first, second] = props.route.parts;
  const revision = Number(props.route.params.get('revision'));
  switch (first) {
    case undefined:
    case 'articles':
      return second ? (
        <ReaderPage
          key={second}
          articleId={second}
          revision={Number.isInteger(revision) && revision > 0 ? revision : undefined}
        />
      ) : (
        <ArticlesPage />
      );
    case 'desk':
      return <DeskPage />;
    case 'claims':
      return second ? <ClaimPage key={second} claimId={second} /> : <DeskPage />;
    case 'corrections':
      return second ? <CorrectionPage key={second} correctionId={second} /> : <DeskPage />;
    case 'audit':
      return <AuditPage key={second ?? ''} articleId={second} />;
    default:
      return (
        <div class="page">
          <p>{t('notFound')}</p>
        </div>
      );
  }
}
