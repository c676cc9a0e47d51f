/** Who checks the claim (assign, or assign to me) and withdrawing it with a reason. */
import { useState } from 'preact/hooks';
import { path, sendJson } from '../api';
import { defineMessages, useLocale } from '../i18n';
import { can, useSession } from '../session';
import { ErrorMessage, Field } from '../shell/ui';
import type { Claim } from './claim-types';
import { ReasonForm } from './reason-form';
import { useAction } from './use-action';

const t = defineMessages({
  en: {
    assignment: 'Assignment',
    assignee: 'Assignee',
    assigneeHint: 'The user id (sub) of whoever will check it, e.g. checker-wang.',
    assign: 'Assign',
    assignToMe: 'Assign to me',
    assigned: 'Assigned to {who}.',
    needAssignee: 'Give the user id of whoever will check it.',
    withdrawHeading: 'Withdraw the claim',
    withdrawReason: 'Reason for withdrawal',
    withdraw: 'Withdraw claim',
    withdrawn: 'The claim was withdrawn.',
  },
  'zh-Hans': {
    assignment: '分派',
    assignee: '负责人',
    assigneeHint: '负责核查者的用户 ID（sub），例如 checker-wang。',
    assign: '分派',
    assignToMe: '分派给我',
    assigned: '已分派给 {who}。',
    needAssignee: '请填写负责核查者的用户 ID。',
    withdrawHeading: '撤回该说法',
    withdrawReason: '撤回理由',
    withdraw: '撤回说法',
    withdrawn: '该说法已撤回。',
  },
});

type Changed = (claim: Claim, notice?: string) => void;

export function AssignClaim(props: { claim: Claim; onChanged: Changed }) {
  useLocale();
  const session = useSession();
  const { claim } = props;
  const [assignee, setAssignee] = useState(claim.assignee ?? '');
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const assignAny = can.assignAny(session);
  // A fact-checker may take a claim that is unassigned or already theirs (SPEC §8).
  const mayTake =
    !!session &&
    can.assignSelf(session) &&
    claim.assignee !== session.sub &&
    (assignAny || claim.assignee === null);
  if (!assignAny && !mayTake) return null;

  const assign = async (who: string) => {
    setMissing(who.trim() === '');
    if (who.trim() === '') return;
    await action.run(async () =>
      props.onChanged(
        await sendJson<Claim>(
          'POST',
          `${path.claim(claim.id)}/assignment`,
          { assignee: who.trim() },
          { ifMatch: claim.version },
        ),
        t('assigned', { who: who.trim() }),
      ),
    );
  };

  const id = `assign-${claim.id}`;
  return (
    <section class="panel assignment" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('assignment')}</h2>
      {assignAny && (
        <form
          class="assign-form"
          onSubmit={(event) => {
            event.preventDefault();
            void assign(assignee);
          }}
        >
          <Field id={`${id}-input`} label={t('assignee')} hint={t('assigneeHint')}>
            {(field) => (
              <input
                id={field.id}
                type="text"
                value={assignee}
                autoComplete="off"
                aria-describedby={field.describedBy}
                aria-invalid={missing ? 'true' : undefined}
                onInput={(event) => setAssignee((event.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          {missing && (
            <div class="error" role="alert">
              <p>{t('needAssignee')}</p>
            </div>
          )}
          <div class="actions">
            <button type="submit" disabled={action.busy}>
              {t('assign')}
            </button>
            {mayTake && (
              <button type="button" disabled={action.busy} onClick={() => void assign(session.sub)}>
                {t('assignToMe')}
              </button>
            )}
          </div>
        </form>
      )}
      {!assignAny && mayTake && (
        <div class="actions">
          <button type="button" disabled={action.busy} onClick={() => void assign(session.sub)}>
            {t('assignToMe')}
          </button>
        </div>
      )}
      <ErrorMessage error={action.error} />
    </section>
  );
}

export function WithdrawClaim(props: { claim: Claim; onChanged: Changed }) {
  useLocale();
  const { claim } = props;
  const action = useAction();

  const withdraw = (reason: string) =>
    action.run(async () =>
      props.onChanged(
        await sendJson<Claim>(
          'POST',
          `${path.claim(claim.id)}/withdrawal`,
          { reason },
          { ifMatch: claim.version },
        ),
        t('withdrawn'),
      ),
    );

  return (
    <details class="withdraw">
      <summary>{t('withdrawHeading')}</summary>
      <ReasonForm
        label={t('withdrawReason')}
        button={t('withdraw')}
        busy={action.busy}
        onSubmit={withdraw}
      />
      <ErrorMessage error={action.error} />
    </details>
  );
}
