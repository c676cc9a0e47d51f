/** Capturing a claim on the selected passage: the quote, the statement, the claimant, topics. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { path, sendJson } from '../api';
import { defineMessages } from '../i18n';
import { ErrorMessage, Field } from '../shell/ui';
import type { QuoteSelector } from './selection';

const t = defineMessages({
  en: {
    heading: 'Capture a claim',
    quote: 'Selected passage',
    statement: 'Statement',
    statementHint: 'The claim in the desk’s words. Left empty, the passage itself is the claim.',
    claimant: 'Claimant',
    claimantHint: 'Who made the claim, as the article names them.',
    topics: 'Topics',
    topicsHint: 'Optional, separated by commas.',
    capture: 'Capture claim',
    capturing: 'Capturing…',
    cancel: 'Cancel',
  },
  'zh-Hans': {
    heading: '记录说法',
    quote: '所选段落',
    statement: '说法',
    statementHint: '用核查台的话概括这一说法；留空则以所选段落本身为说法。',
    claimant: '说法提出者',
    claimantHint: '按文章中的称呼填写提出这一说法的人。',
    topics: '主题',
    topicsHint: '可选，用逗号分隔。',
    capture: '记录说法',
    capturing: '正在记录…',
    cancel: '取消',
  },
});

export interface CaptureClaimFormProps {
  articleId: string;
  revision: number;
  selector: QuoteSelector;
  lang?: string;
  onCaptured: (claimId: string) => void;
  onCancel: () => void;
}

export function CaptureClaimForm(props: CaptureClaimFormProps) {
  const [statement, setStatement] = useState('');
  const [claimant, setClaimant] = useState('');
  const [topics, setTopics] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const statementRef = useRef<HTMLTextAreaElement>(null);
  // The button that opened the form is gone: the keyboard continues in the form's first field.
  useEffect(() => statementRef.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const claim = await sendJson<{ id: string }>('POST', path.articleClaims(props.articleId), {
        revision: props.revision,
        selector: props.selector,
        statement: statement.trim() || undefined,
        claimant: claimant.trim() || undefined,
        topics: topicsOf(topics),
      });
      props.onCaptured(claim.id);
    } catch (refusal) {
      setError(refusal);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="panel capture-claim"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="capture-claim-heading"
    >
      <h2 id="capture-claim-heading">{t('heading')}</h2>
      <figure class="quote">
        <figcaption>{t('quote')}</figcaption>
        <blockquote lang={props.lang}>{props.selector.exact}</blockquote>
      </figure>
      <Field id="capture-statement" label={t('statement')} hint={t('statementHint')}>
        {(field) => (
          <textarea
            ref={statementRef}
            rows={3}
            value={statement}
            id={field.id}
            aria-describedby={field.describedBy}
            onInput={(event) => setStatement((event.target as HTMLTextAreaElement).value)}
          />
        )}
      </Field>
      <Field id="capture-claimant" label={t('claimant')} hint={t('claimantHint')}>
        {(field) => (
          <input
            value={claimant}
            id={field.id}
            aria-describedby={field.describedBy}
            onInput={(event) => setClaimant((event.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      <Field id="capture-topics" label={t('topics')} hint={t('topicsHint')}>
        {(field) => (
          <input
            value={topics}
            id={field.id}
            aria-describedby={field.describedBy}
            onInput={(event) => setTopics((event.target as HTMLInputElement).value)}
          />
        )}
      </Field>
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('capturing') : t('capture')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Topics typed with commas (ASCII or Chinese), without blanks or repeats. */
export function topicsOf(typed: string): string[] | undefined {
  const topics = [
    ...new Set(
      typed
        .split(/[,，、]/)
        .map((topic) => topic.trim())
        .filter(Boolean),
    ),
  ];
  return topics.length ? topics : undefined;
}
