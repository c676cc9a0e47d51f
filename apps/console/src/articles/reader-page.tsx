/** The reader: the article's text with its claims and corrections highlighted, capture by selection, the revision switcher. */
export function ReaderPage(_props: { articleId: string; revision?: number }) {
  return (
    <div class="page">
      <p>Not built yet.</p>
    </div>
  );
}
