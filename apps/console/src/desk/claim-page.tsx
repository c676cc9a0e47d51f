/** One claim: anchor, status, assignee, the draft, the review, ClaimReview. */
export function ClaimPage(_props: { claimId: string }) {
  return (
    <div class="page">
      <p>Not built yet.</p>
    </div>
  );
}
