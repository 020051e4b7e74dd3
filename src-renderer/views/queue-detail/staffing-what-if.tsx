/**
 * The what-if of the Staffing tab: move N agents from another queue of the same channel into this
 * one and see both queues before and after; Apply sends Management's `agent.queues` for each agent
 * the preview named (audited in the core like any membership change), after a confirmation, with
 * each agent's answer. Users without admin.users see the preview only.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { QueueStaffingAdvice, StaffingWhatIf } from '../../../src-shared/api/staffing.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useCan } from '../../hooks/use-api.js';
import { useQueueChoices } from '../../hooks/use-queue-choices.js';
import { ApplyResults, useApplySteps } from './staffing-apply.js';
import type { ApplyWords } from './staffing-apply.js';
import { BeforeAfterTable } from './staffing-before-after.js';
import { moveSteps, movesSummary } from './staffing-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

type Preview = { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly whatIf: StaffingWhatIf } | { readonly kind: 'error'; readonly error: string };

const MOVE_WORDS: ApplyWords = {
  running: (length, total) => t('movingAgentsLengthOf', { length, total }),
  done: (acked, total) => t('doneAckedOfTotal', { acked, total }),
  progressLabel: t('movesAnswered'),
  acked: t('moved'),
};

/** Before and after of both queues, one row per queue and moment. */
function WhatIfTable({ whatIf }: { readonly whatIf: StaffingWhatIf }) {
  const rows = [
    { key: 'to-before', label: t('nameNow', { name: whatIf.to.before.name }), advice: whatIf.to.before },
    { key: 'to-after', label: t('nameAfter', { name: whatIf.to.after.name }), advice: whatIf.to.after },
    { key: 'from-before', label: t('nameNow', { name: whatIf.from.before.name }), advice: whatIf.from.before },
    { key: 'from-after', label: t('nameAfter', { name: whatIf.from.after.name }), advice: whatIf.from.after },
  ];
  return <BeforeAfterTable rows={rows} caption={t('bothQueuesBeforeAnd')} testId="staffing-what-if-table" rowTestId={(key) => `staffing-what-if-${key}`} />;
}

/** The what-if form, its preview and the Apply flow, for moves into `target`. */
export function StaffingWhatIfPanel({ target, onApplied }: { readonly target: QueueStaffingAdvice; readonly onApplied: () => void }) {
  const client = useClient();
  const canApply = useCan('admin.users');
  const sources = useQueueChoices().filter((queue) => queue.channel === target.channel && queue.queueId !== target.queueId);
  const [fromQueueId, setFromQueueId] = useState('');
  const [agentsText, setAgentsText] = useState('1');
  const [preview, setPreview] = useState<Preview>({ kind: 'idle' });
  const { apply, setApply, run } = useApplySteps(onApplied);
  const source = fromQueueId !== '' && sources.some((queue) => queue.queueId === fromQueueId) ? fromQueueId : (sources[0]?.queueId ?? '');
  const agents = Number(agentsText);
  const agentsValid = Number.isInteger(agents) && agents >= 1 && agents <= 500;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (source === '' || !agentsValid) return;
    setPreview({ kind: 'loading' });
    setApply({ kind: 'idle' });
    void client.query({ type: 'staffing.whatIf', fromQueueId: source, toQueueId: target.queueId, agents }).then((result) => {
      setPreview(result.ok ? { kind: 'ready', whatIf: result.value } : { kind: 'error', error: result.error });
    });
  };

  return (
    <section className="panel detail-card" aria-labelledby="staffing-what-if-title" data-testid="staffing-what-if">
      <h2 id="staffing-what-if-title" className="detail-section__title">
        {t('whatIfAgentsMoved')}
      </h2>
      {sources.length === 0 ? (
        <p className="detail-muted" data-testid="staffing-what-if-none">
          {t('noOther')}{target.channel}{t('queueToMoveAgents')}
        </p>
      ) : (
        <form className="performance-tab__toolbar" onSubmit={submit} data-testid="staffing-what-if-form">
          <label className="field">
            <span className="field__label">{t('fromQueue')}</span>
            <select className="input" value={source} onChange={(event) => setFromQueueId(event.target.value)} data-testid="staffing-what-if-from">
              {sources.map((queue) => (
                <option key={queue.queueId} value={queue.queueId}>
                  {queue.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('agents')}</span>
            <input className="input" type="number" min={1} max={500} step={1} value={agentsText} onChange={(event) => setAgentsText(event.target.value)} aria-invalid={!agentsValid} data-testid="staffing-what-if-agents" />
          </label>
          <button type="submit" className="button" disabled={!agentsValid || preview.kind === 'loading' || apply.kind === 'running'} data-testid="staffing-what-if-preview">
            {t('preview')}
          </button>
        </form>
      )}
      {preview.kind === 'loading' ? (
        <p role="status" aria-busy="true" data-testid="staffing-what-if-loading">
          {t('workingOutBothQueues')}
        </p>
      ) : null}
      {preview.kind === 'error' ? (
        <p className="detail-inline-error" role="alert" data-testid="staffing-what-if-error">
          {preview.error}
        </p>
      ) : null}
      {preview.kind === 'ready' ? (
        <div data-testid="staffing-what-if-result">
          <p data-testid="staffing-what-if-moves">{movesSummary(preview.whatIf)}</p>
          <WhatIfTable whatIf={preview.whatIf} />
          {canApply && preview.whatIf.moves.length > 0 && (apply.kind === 'idle' || apply.kind === 'confirm') ? (
            <button type="button" className="button button--primary" onClick={() => setApply({ kind: 'confirm' })} data-testid="staffing-apply">
              {t('applyMove')}{preview.whatIf.moves.length}
            </button>
          ) : null}
          {!canApply ? <p className="detail-muted">{t('movingAgentsNeedsThe')}</p> : null}
          {apply.kind === 'running' || apply.kind === 'done' ? <ApplyResults apply={apply} words={MOVE_WORDS} testId="staffing-apply-results" itemTestId="staffing-apply-result" /> : null}
        </div>
      ) : null}
      {apply.kind === 'confirm' && preview.kind === 'ready' ? (
        <ConfirmDialog
          title={t('moveAgents')}
          confirmLabel={t('moveLength', { length: preview.whatIf.moves.length })}
          testId="staffing-apply-confirm"
          onCancel={() => setApply({ kind: 'idle' })}
          onConfirm={() => void run(moveSteps(preview.whatIf))}
        >
          <p>
            {preview.whatIf.moves.map((move) => move.name).join(', ')}{t('willLeave')}{preview.whatIf.from.before.name}{t('andJoin')}{preview.whatIf.to.before.name}{t('eachChangeIsSent')}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
