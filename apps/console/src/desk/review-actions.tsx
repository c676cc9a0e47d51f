/**
 * What a standards editor does with a submitted verdict (approve, reject with a reason) and a
 * published one (retract with a reason). The four-eyes rule is shown before the click: the
 * draft's own writers see "Approve" unavailable and why, beside it.
 */
import { path, sendJson } from '../api';
import { defineMessages, useLocale } from '../i18n';
import { useSession } from '../session';
import { ErrorMessage } from '../shell/ui';
import type { Claim } from './claim-types';
import { ReasonForm } from './reason-form';
import { useAction } from './use-action';

const t = defineMessages({
  en: {
    review: 'Review',
    approve: 'Approve',
    approved: 'Approved and published.',
    fourEyes:
      'You drafted this verdict. Under the four-eyes rule another standards editor must approve it.',
    rejectReason: 'Reason for rejection',
    rejectHint: 'The drafter sees it with the returned draft.',
    reject: 'Reject',
    rejected: 'Rejected: the draft went back to its author with your reason.',
    retractHeading: 'Retract the published verdict',
    retractReason: 'Reason for retraction',
    retract: 'Retract verdict',
    retracted: 'The verdict was retracted; the claim is back with its assignee.',
  },
  'zh-Hans': {
    review: '审核',
    approve: '批准',
    approved: '已批准并发布。',
    fourEyes: '这份结论由你起草。按照四眼原则，须由另一位标准编辑批准。',
    rejectReason: '驳回理由',
    rejectHint: '起草人会在退回的草稿中看到该理由。',
    reject: '驳回',
    rejected: '已驳回：草稿连同你的理由退回给起草人。',
    retractHeading: '撤销已发布的结论',
    retractReason: '撤销理由',
    retract: '撤销结论',
    retracted: '结论已撤销，说法退回给负责人。',
  },
});

export function ReviewActions(props: {
  claim: Claim;
  onChanged: (claim: Claim, notice?: string) => void;
}) {
  useLocale();
  const session = useSession();
  const { claim } = props;
  const action = useAction();
  const ownDraft = !!session && !!claim.draft?.drafters.includes(session.sub);
  const explainId = `four-eyes-${claim.id}`;
  const verdictPath = `${path.claim(claim.id)}/verdict`;

  async function approve() {
    if (ownDraft) return;
    await action.run(async () => {
      props.onChanged(
        await sendJson<Claim>('POST', `${verdictPath}/approve`, {}, { ifMatch: claim.version }),
        t('approved'),
      );
    });
  }

  const reject = (reason: string) =>
    action.run(async () => {
      props.onChanged(
        await sendJson<Claim>(
          'POST',
          `${verdictPath}/reject`,
          { reason },
          { ifMatch: claim.version },
        ),
        t('rejected'),
      );
    });

  return (
    <section class="panel review" aria-labelledby={`review-${claim.id}`}>
      <h2 id={`review-${claim.id}`}>{t('review')}</h2>
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-disabled={ownDraft ? 'true' : undefined}
          aria-describedby={ownDraft ? explainId : undefined}
          disabled={action.busy}
          onClick={() => void approve()}
        >
          {t('approve')}
        </button>
      </div>
      {ownDraft && (
        <p id={explainId} class="explain four-eyes">
          {t('fourEyes')}
        </p>
      )}
      <ReasonForm
        id={`reject-reason-${claim.id}`}
        label={t('rejectReason')}
        hint={t('rejectHint')}
        button={t('reject')}
        busy={action.busy}
        onSubmit={reject}
      />
      <ErrorMessage error={action.error} />
    </section>
  );
}

export function RetractVerdict(props: {
  claim: Claim;
  onChanged: (claim: Claim, notice?: string) => void;
}) {
  useLocale();
  const { claim } = props;
  const action = useAction();

  const retract = (reason: string) =>
    action.run(async () => {
      props.onChanged(
        await sendJson<Claim>(
          'POST',
          `${path.claim(claim.id)}/verdict/retract`,
          { reason },
          { ifMatch: claim.version },
        ),
        t('retracted'),
      );
    });

  return (
    <details class="retract">
      <summary>{t('retractHeading')}</summary>
      <ReasonForm
        label={t('retractReason')}
        button={t('retract')}
        busy={action.busy}
        onSubmit={retract}
      />
      <ErrorMessage error={action.error} />
    </details>
  );
}
