/**
 * The verdict's draft: rating from the configured scale, the public summary with its count,
 * the rationale and the sources; "Save draft" and "Submit for review". The summary's limit is
 * checked here too, in code points as the server counts, so a person learns it before sending.
 */
import { useMemo, useState } from 'preact/hooks';
import { path, sendJson } from '../api';
import { useRatings } from '../articles/ratings';
import { defineMessages, useLocale } from '../i18n';
import { ErrorMessage, Field, Notice } from '../shell/ui';
import { type Claim, codePoints, SUMMARY_MAX, type VerdictSource } from './claim-types';
import { useAction } from './use-action';

const t = defineMessages({
  en: {
    heading: 'Verdict draft',
    headingNew: 'A new verdict (version {version})',
    rating: 'Rating',
    chooseRating: 'Choose a rating',
    summary: 'Summary',
    summaryHint: 'Public, shown with the claim and in ClaimReview.',
    countWords: '{count} of {max} characters used',
    countOver: '{count} of {max} characters: {over} too many',
    rationale: 'Rationale',
    sources: 'Sources',
    sourcesHint: 'A verdict needs at least one source before it is submitted.',
    source: 'Source {n}',
    url: 'URL',
    sourceTitle: 'Title',
    quote: 'Quote (optional)',
    accessedAt: 'Accessed on',
    addSource: 'Add source',
    removeSource: 'Remove source {n}',
    save: 'Save draft',
    submit: 'Submit for review',
    saved: 'Draft saved.',
    submitted:
      'Submitted for review. A standards editor who did not draft it will approve or reject it.',
    tooLong: 'The summary has {count} characters; at most {max} are allowed. Shorten it by {over}.',
    noRating: 'Choose a rating first.',
    noSummary: 'Write a summary first.',
    rejected: 'Returned by {who}: {reason}',
  },
  'zh-Hans': {
    heading: '结论草稿',
    headingNew: '新结论（第 {version} 版）',
    rating: '评级',
    chooseRating: '请选择评级',
    summary: '摘要',
    summaryHint: '公开内容，随说法和 ClaimReview 一起显示。',
    countWords: '已用 {count} 个字符，上限 {max} 个',
    countOver: '{count} 个字符，上限 {max} 个：超出 {over} 个',
    rationale: '理由',
    sources: '来源',
    sourcesHint: '结论提交审核前至少需要一个来源。',
    source: '来源 {n}',
    url: '网址',
    sourceTitle: '标题',
    quote: '引文（可选）',
    accessedAt: '访问日期',
    addSource: '添加来源',
    removeSource: '删除来源 {n}',
    save: '保存草稿',
    submit: '提交审核',
    saved: '草稿已保存。',
    submitted: '已提交审核。将由未参与起草的标准编辑批准或驳回。',
    tooLong: '摘要有 {count} 个字符，最多允许 {max} 个。请删减 {over} 个。',
    noRating: '请先选择评级。',
    noSummary: '请先填写摘要。',
    rejected: '被 {who} 退回：{reason}',
  },
});

interface SourceForm {
  key: number;
  url: string;
  title: string;
  quote: string;
  accessedAt: string;
}

interface DraftBody {
  rating: string;
  summary: string;
  rationale: string | null;
  sources: VerdictSource[];
}

let nextKey = 1;

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function emptySource(): SourceForm {
  return { key: nextKey++, url: '', title: '', quote: '', accessedAt: today() };
}

function sourceForm(source: VerdictSource): SourceForm {
  return {
    key: nextKey++,
    url: source.url,
    title: source.title,
    quote: source.quote ?? '',
    // A date-time keeps its date for the date field.
    accessedAt: source.accessedAt.slice(0, 10),
  };
}

/** The request body of a form; a source left wholly blank is no source. */
function bodyOf(form: {
  rating: string;
  summary: string;
  rationale: string;
  sources: SourceForm[];
}): DraftBody {
  return {
    rating: form.rating,
    summary: form.summary,
    rationale: form.rationale.trim() === '' ? null : form.rationale,
    sources: form.sources
      .filter((s) => s.url.trim() !== '' || s.title.trim() !== '')
      .map((s) => ({
        url: s.url.trim(),
        title: s.title,
        ...(s.quote.trim() !== '' ? { quote: s.quote } : {}),
        accessedAt: s.accessedAt,
      })),
  };
}

export function VerdictForm(props: {
  claim: Claim;
  /** The claim after a change, and what to tell the person when the form goes away with it. */
  onChanged: (claim: Claim, notice?: string) => void;
}) {
  useLocale();
  const { claim } = props;
  const { ratings, ratingLabel } = useRatings();
  const start = claim.draft ?? claim.publishedVerdict;
  const [rating, setRating] = useState(start?.rating ?? '');
  const [summary, setSummary] = useState(start?.summary ?? '');
  const [rationale, setRationale] = useState(start?.rationale ?? '');
  const [sources, setSources] = useState<SourceForm[]>(
    start?.sources.length ? start.sources.map(sourceForm) : [emptySource()],
  );
  const [problem, setProblem] = useState<string | undefined>();
  const action = useAction();

  const count = codePoints(summary);
  const over = count - SUMMARY_MAX;
  const form = { rating, summary, rationale, sources };
  const body = bodyOf(form);
  const stored = useMemo(
    () =>
      claim.draft &&
      JSON.stringify(
        bodyOf({
          rating: claim.draft.rating,
          summary: claim.draft.summary,
          rationale: claim.draft.rationale ?? '',
          sources: claim.draft.sources.map(sourceForm),
        }),
      ),
    [claim.draft],
  );
  const unsaved = JSON.stringify(body) !== stored;
  const verdictPath = `${path.claim(claim.id)}/verdict`;

  /** What the browser refuses before sending, in words; undefined when it may go. */
  function refusal(): string | undefined {
    if (over > 0) return t('tooLong', { count, max: SUMMARY_MAX, over });
    if (!rating) return t('noRating');
    if (summary.trim() === '') return t('noSummary');
    return undefined;
  }

  async function save(): Promise<Claim> {
    return sendJson<Claim>('POST', verdictPath, body, { ifMatch: claim.version });
  }

  async function onSave() {
    const refused = refusal();
    setProblem(refused);
    if (refused) return;
    await action.run(async () => props.onChanged(await save()), t('saved'));
  }

  async function onSubmit() {
    const refused = refusal();
    setProblem(refused);
    if (refused) return;
    await action.run(async () => {
      // What is on the screen is what is submitted: an unsaved form is saved first.
      const version = unsaved ? (await save()).version : claim.version;
      const submitted = await sendJson<Claim>(
        'POST',
        `${verdictPath}/submit`,
        {},
        { ifMatch: version },
      );
      props.onChanged(submitted, t('submitted'));
    });
  }

  const updateSource = (key: number, field: keyof Omit<SourceForm, 'key'>, value: string) =>
    setSources((list) => list.map((s) => (s.key === key ? { ...s, [field]: value } : s)));

  const id = `verdict-${claim.id}`;
  const newVersion = !claim.draft && claim.publishedVerdict;
  return (
    <section class="panel verdict-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {newVersion
          ? t('headingNew', { version: claim.publishedVerdict!.version + 1 })
          : t('heading')}
      </h2>
      {claim.draft?.rejection && (
        <p class="explain">
          {t('rejected', { who: claim.draft.rejection.by, reason: claim.draft.rejection.reason })}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void onSave();
        }}
      >
        <Field id={`${id}-rating`} label={t('rating')}>
          {(field) => (
            <select
              id={field.id}
              value={rating}
              onChange={(event) => setRating((event.target as HTMLSelectElement).value)}
            >
              <option value="">{t('chooseRating')}</option>
              {ratings.map((r) => (
                <option value={r.id} key={r.id}>
                  {ratingLabel(r.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {/* The summary's hint shares its line with the count, so the control brings its own. */}
        <Field id={`${id}-summary`} label={t('summary')}>
          {(field) => (
            <>
              <textarea
                id={field.id}
                rows={3}
                value={summary}
                aria-invalid={over > 0 ? 'true' : undefined}
                aria-describedby={`${field.id}-hint ${field.id}-count-words`}
                onInput={(event) => setSummary((event.target as HTMLTextAreaElement).value)}
              />
              <span class="field-hint summary-line">
                <span id={`${field.id}-hint`}>{t('summaryHint')}</span>
                <span class={`summary-count${over > 0 ? ' over' : ''}`} aria-hidden="true">
                  {count} / {SUMMARY_MAX}
                </span>
              </span>
              <span id={`${field.id}-count-words`} class="visually-hidden" aria-live="polite">
                {over > 0
                  ? t('countOver', { count, max: SUMMARY_MAX, over })
                  : t('countWords', { count, max: SUMMARY_MAX })}
              </span>
            </>
          )}
        </Field>
        <Field label={t('rationale')}>
          {(field) => (
            <textarea
              id={field.id}
              rows={5}
              value={rationale}
              onInput={(event) => setRationale((event.target as HTMLTextAreaElement).value)}
            />
          )}
        </Field>
        <fieldset class="sources">
          <legend>{t('sources')}</legend>
          <p class="field-hint">{t('sourcesHint')}</p>
          {sources.map((source, index) => (
            <fieldset class="source" key={source.key}>
              <legend>{t('source', { n: index + 1 })}</legend>
              <Field label={t('url')}>
                {(field) => (
                  <input
                    id={field.id}
                    type="url"
                    value={source.url}
                    onInput={(e) =>
                      updateSource(source.key, 'url', (e.target as HTMLInputElement).value)
                    }
                  />
                )}
              </Field>
              <Field label={t('sourceTitle')}>
                {(field) => (
                  <input
                    id={field.id}
                    type="text"
                    value={source.title}
                    onInput={(e) =>
                      updateSource(source.key, 'title', (e.target as HTMLInputElement).value)
                    }
                  />
                )}
              </Field>
              <Field label={t('quote')}>
                {(field) => (
                  <textarea
                    id={field.id}
                    rows={2}
                    value={source.quote}
                    onInput={(e) =>
                      updateSource(source.key, 'quote', (e.target as HTMLTextAreaElement).value)
                    }
                  />
                )}
              </Field>
              <Field label={t('accessedAt')}>
                {(field) => (
                  <input
                    id={field.id}
                    type="date"
                    value={source.accessedAt}
                    onInput={(e) =>
                      updateSource(source.key, 'accessedAt', (e.target as HTMLInputElement).value)
                    }
                  />
                )}
              </Field>
              <button
                type="button"
                onClick={() => setSources((list) => list.filter((s) => s.key !== source.key))}
              >
                {t('removeSource', { n: index + 1 })}
              </button>
            </fieldset>
          ))}
          <button type="button" onClick={() => setSources((list) => [...list, emptySource()])}>
            {t('addSource')}
          </button>
        </fieldset>
        {problem && (
          <div class="error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <ErrorMessage error={action.error} />
        {action.done && <Notice>{action.done}</Notice>}
        <div class="actions">
          <button type="submit" disabled={action.busy}>
            {t('save')}
          </button>
          <button
            type="button"
            class="primary"
            disabled={action.busy}
            onClick={() => void onSubmit()}
          >
            {t('submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
