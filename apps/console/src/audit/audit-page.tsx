/** The auditor's view: timeline, time slider, integrity and the checkpoint verified. */
export function AuditPage(_props: { articleId?: string }) {
  return (
    <div class="page">
      <p>Not built yet.</p>
    </div>
  );
}
