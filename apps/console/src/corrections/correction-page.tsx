/** One correction: amend, approve, reject, withdraw; the diff once published. */
export function CorrectionPage(_props: { correctionId: string }) {
  return (
    <div class="page">
      <p>Not built yet.</p>
    </div>
  );
}
