/** The start page: paste a token, use a development token, or sign in with the newsroom's SSO. */
import { useEffect, useState } from 'preact/hooks';
import { type ConsoleConfig, consoleConfig } from '../config';
import { defineMessages } from '../i18n';
import { sessionOf, signIn, TokenShapeError } from '../session';
import { ErrorMessage, Field } from '../shell/ui';
import { startSingleSignOn } from './oidc';

const t = defineMessages({
  en: {
    title: 'Sign in to Marginalia',
    intro: 'The console of the newsroom’s claims, verdicts and corrections.',
    token: 'Access token',
    tokenHint:
      'A bearer token (JWT), for example from npm run cli -- mint-token. It stays in this tab only.',
    signIn: 'Sign in',
    sso: 'Sign in with single sign-on',
    development: 'Development tokens',
    developmentHint:
      'This server runs without AUTH_JWT_SECRET and printed these tokens at start. Choose a role:',
    as: 'Sign in as {role}',
    not_a_jwt: 'This is not a token: a token has three parts separated by dots.',
    no_sub: 'This token names no user (sub).',
    no_exp: 'This token has no expiry (exp).',
    expired: 'This token has expired. Mint a new one.',
    no_roles: 'This token carries no role Marginalia knows.',
    editor: 'editor',
    fact_checker: 'fact-checker',
    standards_editor: 'standards editor',
    auditor: 'auditor',
    admin: 'admin',
  },
  'zh-Hans': {
    title: '登录 Marginalia',
    intro: '新闻编辑部的说法、核查结论与更正的控制台。',
    token: '访问令牌',
    tokenHint:
      '一个持有者令牌（JWT），例如由 npm run cli -- mint-token 生成。它只保存在此标签页中。',
    signIn: '登录',
    sso: '使用单点登录',
    development: '开发令牌',
    developmentHint: '此服务器未设置 AUTH_JWT_SECRET，启动时打印了这些令牌。请选择角色：',
    as: '以{role}身份登录',
    not_a_jwt: '这不是令牌：令牌由三段以点分隔的内容组成。',
    no_sub: '此令牌未指明用户（sub）。',
    no_exp: '此令牌没有有效期（exp）。',
    expired: '此令牌已过期，请重新生成。',
    no_roles: '此令牌不含 Marginalia 认识的角色。',
    editor: '编辑',
    fact_checker: '核查员',
    standards_editor: '标准编辑',
    auditor: '审计员',
    admin: '管理员',
  },
});

export function roleName(role: string): string {
  return t(role as 'editor');
}

export function SignInPage(props: { reason?: string }) {
  const [config, setConfig] = useState<ConsoleConfig | undefined>();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(props.reason);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    consoleConfig().then(setConfig, setError);
  }, []);

  const use = (text: string) => {
    try {
      signIn(sessionOf(text, 'token'));
    } catch (e) {
      setProblem(e instanceof TokenShapeError ? t(e.message as 'not_a_jwt') : String(e));
    }
  };

  return (
    <div class="page sign-in">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {config?.oidc && (
        <p>
          <button
            type="button"
            class="primary"
            onClick={() => void startSingleSignOn(config.oidc!).catch(setError)}
          >
            {t('sso')}
          </button>
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          use(token);
        }}
      >
        <Field id="token" label={t('token')} hint={t('tokenHint')}>
          {(field) => (
            <textarea
              id={field.id}
              name="token"
              rows={3}
              autocomplete="off"
              spellcheck={false}
              aria-describedby={field.describedBy}
              value={token}
              onInput={(event) => setToken((event.target as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary">
          {t('signIn')}
        </button>
      </form>
      {config?.developmentTokens && config.developmentTokens.length > 0 && (
        <section aria-labelledby="development-tokens">
          <h2 id="development-tokens">{t('development')}</h2>
          <p>{t('developmentHint')}</p>
          <ul class="plain">
            {config.developmentTokens.map((entry) => (
              <li key={entry.role}>
                <button type="button" onClick={() => use(entry.token)}>
                  {t('as', { role: roleName(entry.role) })}
                </button>{' '}
                <code>{entry.sub}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
