/**
 * What the signed-in person may do with a correction, by role and state: amend (editor, while
 * proposed), approve or reject (standards editor, while proposed; never one's own, and the
 * reason is shown before any click), withdraw (editor, with a reason).
 */
import { useId, useRef, useState } from 'preact/hooks';
import { path, sendJson } from '../api';
import { defineMessages, useLocale } from '../i18n';
import { can, type Session } from '../session';
import { ErrorMessage, Notice } from '../shell/ui';
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
    replacement: 'Replacement',
    replacementHint: 'The new text for the passage. Leave it empty to delete the passage.',
    keepText: 'Leave the text as it is (only publish the note)',
    notice: 'Notice',
    saveAmendment: 'Save amendment',
    reason: 'Reason',
    rejectHint: 'Tell the proposer why; the reason is kept in the log.',
    withdrawHint: 'Why the correction is no longer wanted; the reason is kept in the log.',
    confirmReject: 'Confirm rejection',
    confirmWithdraw: 'Confirm withdrawal',
    cancel: 'Cancel',
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
    replacement: '替换文字',
    replacementHint: '该段落的新文字。留空则删除该段落。',
    keepText: '只添加说明（不修改正文）',
    notice: '更正说明',
    saveAmendment: '保存修改',
    reason: '理由',
    rejectHint: '告诉提出者原因；理由会记入日志。',
    withdrawHint: '为何不再需要此更正；理由会记入日志。',
    confirmReject: '确认驳回',
    confirmWithdraw: '确认撤回',
    cancel: '取消',
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
              disabled={ownWork || busy}
              aria-describedby={ownWork ? `${id}-four-eyes` : undefined}
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

function AmendForm(props: {
  correction: Correction;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: { replacement?: string | null; notice: string }) => void;
}) {
  const id = useId();
  const { correction } = props;
  const isNote = correction.kind === 'editors_note';
  const [keepText, setKeepText] = useState(correction.replacement === null);
  const [replacement, setReplacement] = useState(correction.replacement ?? '');
  const [notice, setNotice] = useState(correction.notice);
  const keeps = isNote || keepText;
  return (
    <form
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit(isNote ? { notice } : { replacement: keeps ? null : replacement, notice });
      }}
    >
      {!isNote && correction.anchor && (
        <>
          <div class="field correction-check">
            <label>
              <input
                type="checkbox"
                checked={keepText}
                onChange={(e) => setKeepText((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('keepText')}
            </label>
          </div>
          <div class="field">
            <label class="field-label" for={`${id}-replacement`}>
              {t('replacement')}
            </label>
            <textarea
              id={`${id}-replacement`}
              rows={3}
              value={keeps ? '' : replacement}
              disabled={keeps}
              aria-describedby={`${id}-replacement-hint`}
              onInput={(e) => setReplacement((e.target as HTMLTextAreaElement).value)}
            />
            <span class="field-hint" id={`${id}-replacement-hint`}>
              {t('replacementHint')}
            </span>
          </div>
        </>
      )}
      <div class="field">
        <label class="field-label" for={`${id}-notice`}>
          {t('notice')}
        </label>
        <textarea
          id={`${id}-notice`}
          rows={3}
          required
          value={notice}
          onInput={(e) => setNotice((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={props.busy}>
          {t('saveAmendment')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function ReasonForm(props: {
  hint: string;
  confirm: string;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string, idempotencyKey: string) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  // One key per reason: sending the same again appends it once.
  const key = useRef({ reason: '', key: crypto.randomUUID() });
  return (
    <form
      class="panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (key.current.reason !== reason) key.current = { reason, key: crypto.randomUUID() };
        props.onSubmit(reason, key.current.key);
      }}
    >
      <div class="field">
        <label class="field-label" for={`${id}-reason`}>
          {t('reason')}
        </label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          required
          value={reason}
          aria-describedby={`${id}-reason-hint`}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
        <span class="field-hint" id={`${id}-reason-hint`}>
          {props.hint}
        </span>
      </div>
      <div class="actions">
        <button type="submit" class="danger" disabled={props.busy}>
          {props.confirm}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
