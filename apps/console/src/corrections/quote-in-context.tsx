/** A quoted passage with the text around it, the passage itself marked. */
export function QuoteInContext(props: { exact: string; prefix?: string; suffix?: string }) {
  return (
    <blockquote class="correction-quote-text">
      {props.prefix && <span class="correction-context">…{props.prefix}</span>}
      <mark class="correction">{props.exact}</mark>
      {props.suffix && <span class="correction-context">{props.suffix}…</span>}
    </blockquote>
  );
}
