/**
 * The concurrency what-if of a chat queue's Staffing tab: set the conversations each of the queue's
 * logged-in agents holds at once, and see every queue they serve before and after; Apply sends
 * Management's `agent.capacity` for each agent whose limit changes (audited in the core like any
 * slot change), after a confirmation, with each agent's answer. Users without admin.users see the
 * preview only.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { SLOTS_RANGE } from '../../../src-shared/api/staffing.js';
import type { QueueStaffingAdvice, StaffingCapacityWhatIf } from '../../../src-shared/api/staffing.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useCan } from '../../hooks/use-api.js';
import { ApplyResults, useApplySteps } from './staffing-apply.js';
import type { ApplyWords } from './staffing-apply.js';
import { BeforeAfterTable } from './staffing-before-after.js';
import type { BeforeAfterRow } from './staffing-before-after.js';
import { capacitySteps, capacitySummary } from './staffing-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

type Preview = { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly whatIf: StaffingCapacityWhatIf } | { readonly kind: 'error'; readonly error: string };

const CAPACITY_WORDS: ApplyWords = {
  running: (answered, total) => t('settingSlotsAnsweredOf', { answered, total }),
  done: (acked, total) => t('doneSlotsChanged', { acked, total }),
  progressLabel: t('slotChangesAnswered'),
  acked: t('slotsChanged'),
};

/** The slots asked for, when a whole number Management accepts. */
function slotsOf(text: string): number | null {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= SLOTS_RANGE.min && value <= SLOTS_RANGE.max ? value : null;
}

function rowsOf(whatIf: StaffingCapacityWhatIf): BeforeAfterRow[] {
  return whatIf.queues.flatMap((queue) => [
    { key: `${queue.before.queueId}-before`, label: t('nameNow', { name: queue.before.name }), advice: queue.before },
    { key: `${queue.after.queueId}-after`, label: t('nameAfter', { name: queue.after.name }), advice: queue.after },
  ]);
}

/** The slot-change form, its preview and the Apply flow, for a chat queue's agents. */
export function StaffingCapacityPanel({ target, onApplied }: { readonly target: QueueStaffingAdvice; readonly onApplied: () => void }) {
  const client = useClient();
  const canApply = useCan('admin.users');
  const [slotsText, setSlotsText] = useState(String(Math.min(SLOTS_RANGE.max, target.inputs.slotsPerAgent + 1)));
  const [preview, setPreview] = useState<Preview>({ kind: 'idle' });
  const { apply, setApply, run } = useApplySteps(onApplied);
  const slots = slotsOf(slotsText);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (slots === null) return;
    setPreview({ kind: 'loading' });
    setApply({ kind: 'idle' });
    void client.query({ type: 'staffing.capacityWhatIf', queueId: target.queueId, slots }).then((result) => {
      setPreview(result.ok ? { kind: 'ready', whatIf: result.value } : { kind: 'error', error: result.error });
    });
  };

  return (
    <section className="panel detail-card" aria-labelledby="staffing-capacity-title" data-testid="staffing-capacity">
      <h2 id="staffing-capacity-title" className="detail-section__title">
        {t('whatIfAgentsHeldMore')}
      </h2>
      <form className="performance-tab__toolbar" onSubmit={submit} data-testid="staffing-capacity-form">
        <label className="field">
          <span className="field__label">{t('conversationsPerAgent')}</span>
          <input
            className="input"
            type="number"
            min={SLOTS_RANGE.min}
            max={SLOTS_RANGE.max}
            step={1}
            inputMode="numeric"
            value={slotsText}
            onChange={(event) => setSlotsText(event.target.value)}
            aria-invalid={slots === null}
            aria-describedby="staffing-capacity-hint"
            data-testid="staffing-capacity-slots"
          />
        </label>
        <button type="submit" className="button" disabled={slots === null || preview.kind === 'loading' || apply.kind === 'running'} data-testid="staffing-capacity-preview">
          {t('preview')}
        </button>
      </form>
      <p id="staffing-capacity-hint" className={slots === null ? 'detail-inline-error' : 'detail-muted'} data-testid="staffing-capacity-hint">
        {slots === null ? t('slotsEnterWholeNumber', { min: SLOTS_RANGE.min, max: SLOTS_RANGE.max }) : t('slotsAppliesToEvery', { name: target.name })}
      </p>
      {preview.kind === 'loading' ? (
        <p role="status" aria-busy="true" data-testid="staffing-capacity-loading">
          {t('workingOutTheQueues')}
        </p>
      ) : null}
      {preview.kind === 'error' ? (
        <p className="detail-inline-error" role="alert" data-testid="staffing-capacity-error">
          {preview.error}
        </p>
      ) : null}
      {preview.kind === 'ready' ? (
        <div data-testid="staffing-capacity-result">
          <p data-testid="staffing-capacity-changes">{capacitySummary(preview.whatIf)}</p>
          <BeforeAfterTable rows={rowsOf(preview.whatIf)} caption={t('everyQueueTheyServe')} testId="staffing-capacity-table" rowTestId={(key) => `staffing-capacity-${key}`} showSlots />
          {canApply && preview.whatIf.changes.length > 0 && (apply.kind === 'idle' || apply.kind === 'confirm') ? (
            <button type="button" className="button button--primary" onClick={() => setApply({ kind: 'confirm' })} data-testid="staffing-capacity-apply">
              {t('applySetSlots', { count: preview.whatIf.changes.length, slots: preview.whatIf.slots })}
            </button>
          ) : null}
          {!canApply ? <p className="detail-muted">{t('changingSlotsNeedsThe')}</p> : null}
          {apply.kind === 'running' || apply.kind === 'done' ? <ApplyResults apply={apply} words={CAPACITY_WORDS} testId="staffing-capacity-results" itemTestId="staffing-capacity-result-item" /> : null}
        </div>
      ) : null}
      {apply.kind === 'confirm' && preview.kind === 'ready' ? (
        <ConfirmDialog
          title={t('changeSlots')}
          confirmLabel={t('setSlotsCount', { count: preview.whatIf.changes.length })}
          testId="staffing-capacity-confirm"
          onCancel={() => setApply({ kind: 'idle' })}
          onConfirm={() => void run(capacitySteps(preview.whatIf))}
        >
          <p>{t('slotsConfirmText', { names: preview.whatIf.changes.map((change) => change.name).join(', '), slots: preview.whatIf.slots })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
