/**
 * What the signed-in person may do with a correction, by role and state: amend (editor, while
 * proposed), approve or reject (standards editor, while proposed; never one's own, and the
 * reason is shown before any click), withdraw (editor, with a reason).
 */
import { useId, useState } from 'preact/hooks';
import { path, sendJson } from '../api';
import { defineMessages, useLocale } from '../i18n';
import { can, type Session } from '../session';
import { ErrorMessage, Notice } from '../shell/ui';
import { AmendForm, ReasonForm } from './correction-forms';
import type { Correction } from './correction-types';

const t = defineMessages({
  en: {
    actions: 'Actions',
    amend: 'Amend',
    approve: 'Approve',
    reject: 'Reject',
    withdraw: 'Withdraw',
    fourEyes:
      'Four-eyes rule: you proposed or amended this correction, so another standards editor must approve it.',
    orphaned:
      'Its passage was lost in a later revision: amend it with the passage as it reads now before it can be approved.',
    rejectHint: 'Tell the proposer why; the reason is kept in the log.',
    withdrawHint: 'Why the correction is no longer wanted; the reason is kept in the log.',
    confirmReject: 'Confirm rejection',
    confirmWithdraw: 'Confirm withdrawal',
    amended: 'The correction was amended.',
    approved: 'Approved.',
    rejected: 'The correction was rejected.',
    withdrawn: 'The correction was withdrawn.',
  },
  'zh-Hans': {
    actions: '操作',
    amend: '修改',
    approve: '批准',
    reject: '驳回',
    withdraw: '撤回',
    fourEyes: '四眼原则：此更正由你提出或修改，须由另一位标准编辑批准。',
    orphaned: '其段落在之后的修订中丢失：须先按现在的文字重新指定段落修改，才能批准。',
    rejectHint: '告诉提出者原因；理由会记入日志。',
    withdrawHint: '为何不再需要此更正；理由会记入日志。',
    confirmReject: '确认驳回',
    confirmWithdraw: '确认撤回',
    amended: '更正已修改。',
    approved: '已批准。',
    rejected: '更正已驳回。',
    withdrawn: '更正已撤回。',
  },
});

type Open = 'amend' | 'reject' | 'withdraw' | undefined;
type Done = 'amended' | 'approved' | 'rejected' | 'withdrawn' | undefined;

export function CorrectionActions(props: {
  correction: Correction;
  session: Session | undefined;
  onChanged: () => void;
}) {
  useLocale();
  const id = useId();
  const { correction, session } = props;
  const [open, setOpen] = useState<Open>();
  // The version the person read when opening a form: a change by someone else meanwhile makes
  // the server refuse (412) rather than apply this one over what they have not seen.
  const [readVersion, setReadVersion] = useState(correction.version);
  const toggle = (form: Open) => {
    setOpen(open === form ? undefined : form);
    setReadVersion(correction.version);
  };
  const [done, setDone] = useState<Done>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const proposed = correction.status === 'proposed';
  const orphaned = correction.anchor?.state === 'orphaned';
  const approvedAndLost = correction.status === 'approved' && orphaned;
  const mayAmend = can.propose(session) && (proposed || approvedAndLost);
  const mayReview = can.review(session) && proposed;
  // An approved replacement is being applied to the article; only a notice (or a lost
  // passage) can still be taken back (the server says the same).
  const mayWithdraw =
    can.propose(session) &&
    (proposed ||
      (correction.status === 'approved' && (correction.replacement === null || orphaned)));
  const ownWork = session !== undefined && correction.authors.includes(session.sub);

  async function run(action: () => Promise<unknown>, outcome: Done) {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await action();
      setOpen(undefined);
      setDone(outcome);
      props.onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  // Once nothing more can be done (rejected, withdrawn, published), the outcome still says so.
  if (!mayAmend && !mayReview && !mayWithdraw) return done ? <Notice>{t(done)}</Notice> : null;

  const approve = () =>
    void run(
      () =>
        sendJson(
          'POST',
          `${path.correction(correction.id)}/approve`,
          {},
          {
            ifMatch: correction.version,
          },
        ),
      'approved',
    );

  return (
    <section class="correction-actions" aria-labelledby={`${id}-actions`}>
      <h2 id={`${id}-actions`}>{t('actions')}</h2>
      <div class="actions">
        {mayAmend && (
          <button type="button" aria-expanded={open === 'amend'} onClick={() => toggle('amend')}>
            {t('amend')}
          </button>
        )}
        {mayReview && (
          <>
            <button
              type="button"
              class="primary"
              disabled={ownWork || orphaned || busy}
              aria-describedby={
                [ownWork && `${id}-four-eyes`, orphaned && `${id}-orphaned`]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              onClick={approve}
            >
              {t('approve')}
            </button>
            <button
              type="button"
              aria-expanded={open === 'reject'}
              onClick={() => toggle('reject')}
            >
              {t('reject')}
            </button>
          </>
        )}
        {mayWithdraw && (
          <button
            type="button"
            class="danger"
            aria-expanded={open === 'withdraw'}
            onClick={() => toggle('withdraw')}
          >
            {t('withdraw')}
          </button>
        )}
      </div>
      {mayReview && ownWork && (
        <p class="explain" id={`${id}-four-eyes`}>
          {t('fourEyes')}
        </p>
      )}
      {(mayReview || mayAmend) && orphaned && (
        <p class="explain" id={`${id}-orphaned`}>
          {t('orphaned')}
        </p>
      )}
      {open === 'amend' && (
        <AmendForm
          correction={correction}
          busy={busy}
          onCancel={() => setOpen(undefined)}
          onSubmit={(body) =>
            void run(
              () =>
                sendJson('PATCH', path.correction(correction.id), body, {
                  ifMatch: readVersion,
                }),
              'amended',
            )
          }
        />
      )}
      {(open === 'reject' || open === 'withdraw') && (
        <ReasonForm
          key={open}
          hint={open === 'reject' ? t('rejectHint') : t('withdrawHint')}
          confirm={open === 'reject' ? t('confirmReject') : t('confirmWithdraw')}
          busy={busy}
          onCancel={() => setOpen(undefined)}
          onSubmit={(reason, idempotencyKey) =>
            void run(
              () =>
                sendJson(
                  'POST',
                  `${path.correction(correction.id)}/${open === 'reject' ? 'reject' : 'withdrawal'}`,
                  { reason },
                  { ifMatch: readVersion, idempotencyKey },
                ),
              open === 'reject' ? 'rejected' : 'withdrawn',
            )
          }
        />
      )}
      <ErrorMessage error={error} />
      {done && <Notice>{t(done)}</Notice>}
    </section>
  );
}
