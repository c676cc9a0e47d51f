/** The claim desk: its queues, live. */
export function DeskPage() {
  return (
    <div class="page">
      <p>Not built yet.</p>
    </div>
  );
}
