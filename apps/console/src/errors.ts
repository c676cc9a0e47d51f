/** Refusals in words: every stable `code` of SPEC §6, §8 and §9, in both languages. */
import { ApiError } from './api';
import { defineMessages } from './i18n';

const t = defineMessages({
  en: {
    network_error: 'The server could not be reached. Check the connection and try again.',
    unauthenticated: 'Your sign-in is missing or has expired. Sign in again.',
    forbidden: 'Your role does not allow this.',
    not_found: 'This no longer exists, or never did.',
    validation_failed: 'Some fields need attention.',
    malformed_json: 'The console sent something the server could not read. Reload the page.',
    payload_too_large: 'This is too large for the server to accept.',
    unsupported_media_type: 'The server expected JSON. Reload the page.',
    precondition_required:
      'The server needs the version this change was made on. Reload and try again.',
    version_mismatch:
      'Someone changed this while you were working. Reload to see their change, then try again.',
    version_conflict: 'Someone else changed this at the same moment. Reload and try again.',
    rate_limited: 'Too many requests. Wait a moment and try again.',
    self_approval_forbidden:
      'Four-eyes rule: nobody approves their own draft or proposal. Another standards editor must approve it.',
    invalid_transition: 'This step is not possible from the current state.',
    verdict_needs_source: 'A verdict needs at least one source before it can be submitted.',
    quote_not_found: 'The selected text was not found in this revision.',
    quote_ambiguous:
      'The selected text appears more than once and its surroundings do not tell which one is meant. Select a longer passage.',
    quote_mismatch:
      'The selected text does not match the article at that place. Reload the article and select again.',
    empty_span: 'Select some text first.',
    span_out_of_range: 'The selection reaches beyond the article’s text.',
    span_splits_grapheme:
      'The selection cuts a character in two (an emoji or a combined character). Extend it to whole characters.',
    invalid_unicode: 'The selection contains a broken character.',
    revision_not_found: 'That revision of the article does not exist.',
    article_exists: 'This article has been imported already.',
    revision_unchanged: 'The new text is the same as the current revision.',
    correction_orphaned:
      'The correction’s passage was lost in a later revision. Amend it with a new selection before approving.',
    idempotency_key_reused: 'This request was already sent with different content.',
    service_unavailable: 'The server is busy catching up. Try again in a moment.',
    authentication_unavailable:
      'The server cannot reach the sign-in provider to check your token just now. Try again in a moment.',
    unknown: 'The server refused: {detail}',
  },
  'zh-Hans': {
    network_error: '无法连接服务器。请检查网络后重试。',
    unauthenticated: '登录信息缺失或已过期，请重新登录。',
    forbidden: '你的角色无权执行此操作。',
    not_found: '该内容不存在或已被删除。',
    validation_failed: '有些字段需要修改。',
    malformed_json: '控制台发送的内容服务器无法读取，请刷新页面。',
    payload_too_large: '内容过大，服务器无法接受。',
    unsupported_media_type: '服务器需要 JSON 格式，请刷新页面。',
    precondition_required: '服务器需要此修改所依据的版本号，请刷新后重试。',
    version_mismatch: '在你编辑期间，其他人修改了此内容。请刷新查看后重试。',
    version_conflict: '其他人同时修改了此内容，请刷新后重试。',
    rate_limited: '请求过于频繁，请稍候再试。',
    self_approval_forbidden:
      '四眼原则：任何人都不能批准自己起草的结论或自己提出的更正，须由另一位标准编辑批准。',
    invalid_transition: '当前状态下无法执行这一步。',
    verdict_needs_source: '结论至少需要一个来源才能提交审核。',
    quote_not_found: '在此修订版中找不到所选文字。',
    quote_ambiguous: '所选文字出现了不止一次，且上下文无法区分。请选择更长的段落。',
    quote_mismatch: '所选文字与文章该处内容不一致。请刷新文章后重新选择。',
    empty_span: '请先选择文字。',
    span_out_of_range: '所选范围超出了文章正文。',
    span_splits_grapheme: '所选范围把一个字符（表情符号或组合字符）切成了两半，请扩展到完整字符。',
    invalid_unicode: '所选内容包含损坏的字符。',
    revision_not_found: '文章没有这个修订版。',
    article_exists: '这篇文章已经导入过了。',
    revision_unchanged: '新文本与当前修订版相同。',
    correction_orphaned: '更正所指的段落在之后的修订中已丢失。请重新选择段落修改后再批准。',
    idempotency_key_reused: '此请求已用不同内容发送过。',
    service_unavailable: '服务器正在追赶进度，请稍后再试。',
    authentication_unavailable: '服务器暂时无法连接登录服务来核验你的令牌，请稍后再试。',
    unknown: '服务器拒绝了请求：{detail}',
  },
});

type Known = Parameters<typeof t>[0];

/** An error of the console itself that says, in the current language, what happened. */
export interface DescribedError extends Error {
  describe(): string;
}

/** One sentence (or a few) for people; field problems are listed after it. */
export function describeError(error: unknown): string {
  if (error instanceof Error && typeof (error as Partial<DescribedError>).describe === 'function') {
    return (error as DescribedError).describe();
  }
  if (error instanceof ApiError) {
    const code = error.code as Known;
    const known = code !== 'unknown' && tryMessage(code);
    const base =
      known ||
      t('unknown', {
        detail: error.problem.detail ?? error.problem.title ?? `HTTP ${error.status}`,
      });
    const fields = (error.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`);
    return fields.length ? `${base} ${fields.join('; ')}` : base;
  }
  if (error instanceof Error) return t('unknown', { detail: error.message });
  return t('unknown', { detail: String(error) });
}

function tryMessage(code: Known): string | undefined {
  const text = t(code);
  return text === code ? undefined : text;
}
