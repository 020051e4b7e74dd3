/**
 * The what-if of the Staffing tab: move N agents from another queue of the same channel into this
 * one and see both queues before and after; Apply sends Management's `agent.queues` for each agent
 * the preview named (audited in the core like any membership change), after a confirmation, with
 * each agent's answer. Users without admin.users see the preview only.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { QueueStaffingAdvice, StaffingWhatIf } from '../../../src-shared/api/staffing.js';
import { isStillUnknown, issueCommand, newCommandId } from '../../client/commands.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { useClient } from '../../hooks/client-context.js';
import { useCan } from '../../hooks/use-api.js';
import { useQueueChoices } from '../../hooks/use-queue-choices.js';
import { breachText, moveSteps, movesSummary, percentText } from './staffing-model.js';
import type { MoveStep } from './staffing-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

type Preview = { readonly kind: 'idle' } | { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly whatIf: StaffingWhatIf } | { readonly kind: 'error'; readonly error: string };

interface MoveResult {
  readonly step: MoveStep;
  readonly outcome: 'acked' | 'refused' | 'unknown';
  readonly detail: string;
}

type Apply = { readonly kind: 'idle' } | { readonly kind: 'confirm' } | { readonly kind: 'running'; readonly results: readonly MoveResult[]; readonly total: number } | { readonly kind: 'done'; readonly results: readonly MoveResult[] };

function serviceLevelOf(advice: QueueStaffingAdvice): string {
  return advice.current.value === null ? t('unknownReason', { reason: advice.current.reason }) : percentText(advice.current.value.serviceLevel);
}

function neededOf(advice: QueueStaffingAdvice): string {
  return advice.required.value === null ? 'unknown' : String(advice.required.value.agents);
}

/** Before and after of both queues, one row per queue and moment. */
function WhatIfTable({ whatIf }: { readonly whatIf: StaffingWhatIf }) {
  const rows = [
    { key: 'to-before', label: t('nameNow', { name: whatIf.to.before.name }), advice: whatIf.to.before },
    { key: 'to-after', label: t('nameAfter', { name: whatIf.to.after.name }), advice: whatIf.to.after },
    { key: 'from-before', label: t('nameNow', { name: whatIf.from.before.name }), advice: whatIf.from.before },
    { key: 'from-after', label: t('nameAfter', { name: whatIf.from.after.name }), advice: whatIf.from.after },
  ];
  return (
    <div className="detail-table__scroller">
      <table className="detail-table staffing-table" data-testid="staffing-what-if-table">
        <caption className="detail-muted">{t('bothQueuesBeforeAnd')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue2')}</th>
            <th scope="col" className="numeric">{t('available')}</th>
            <th scope="col" className="numeric">{t('needed')}</th>
            <th scope="col" className="numeric">{t('serviceLevel')}</th>
            <th scope="col">{t('breach')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`staffing-what-if-${row.key}`}>
              <th scope="row">{row.label}</th>
              <td className="numeric">{row.advice.agentsAvailable}</td>
              <td className="numeric">{neededOf(row.advice)}</td>
              <td className="numeric">{serviceLevelOf(row.advice)}</td>
              <td>{breachText(row.advice.minutesToBreach)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApplyResults({ apply }: { readonly apply: Extract<Apply, { kind: 'running' | 'done' }> }) {
  const total = apply.kind === 'running' ? apply.total : apply.results.length;
  const acked = apply.results.filter((result) => result.outcome === 'acked').length;
  return (
    <div data-testid="staffing-apply-results" data-state={apply.kind}>
      <p role="status" aria-live="polite">
        {apply.kind === 'running' ? t('movingAgentsLengthOf', { length: apply.results.length, total }) : t('doneAckedOfTotal', { acked, total })}
      </p>
      {apply.kind === 'running' ? <progress max={Math.max(1, total)} value={apply.results.length} aria-label={t('movesAnswered')} /> : null}
      <ul>
        {apply.results.map((result) => (
          <li key={result.step.agentId} data-testid="staffing-apply-result" data-agent-id={result.step.agentId} data-outcome={result.outcome}>
            {result.step.name}: {result.outcome === 'acked' ? t('moved') : result.outcome === 'unknown' ? t('unknownYet') : t('refused')}
            {result.detail.length > 0 ? ` (${result.detail})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The what-if form, its preview and the Apply flow, for moves into `target`. */
export function StaffingWhatIfPanel({ target, onApplied }: { readonly target: QueueStaffingAdvice; readonly onApplied: () => void }) {
  const client = useClient();
  const canApply = useCan('admin.users');
  const sources = useQueueChoices().filter((queue) => queue.channel === target.channel && queue.queueId !== target.queueId);
  const [fromQueueId, setFromQueueId] = useState('');
  const [agentsText, setAgentsText] = useState('1');
  const [preview, setPreview] = useState<Preview>({ kind: 'idle' });
  const [apply, setApply] = useState<Apply>({ kind: 'idle' });
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

  const run = async (whatIf: StaffingWhatIf): Promise<void> => {
    const steps = moveSteps(whatIf);
    const results: MoveResult[] = [];
    setApply({ kind: 'running', results: [], total: steps.length });
    // One at a time: each is its own audited command, and the progress reads in order.
    for (const step of steps) {
      const result = await issueCommand(client, step.command, newCommandId('staffing'));
      results.push(result.ok ? { step, outcome: 'acked', detail: result.value.detail ?? '' } : { step, outcome: isStillUnknown(result) ? 'unknown' : 'refused', detail: result.error });
      setApply({ kind: 'running', results: [...results], total: steps.length });
    }
    setApply({ kind: 'done', results });
    onApplied();
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
          {apply.kind === 'running' || apply.kind === 'done' ? <ApplyResults apply={apply} /> : null}
        </div>
      ) : null}
      {apply.kind === 'confirm' && preview.kind === 'ready' ? (
        <ConfirmDialog
          title={t('moveAgents')}
          confirmLabel={t('moveLength', { length: preview.whatIf.moves.length })}
          testId="staffing-apply-confirm"
          onCancel={() => setApply({ kind: 'idle' })}
          onConfirm={() => void run(preview.whatIf)}
        >
          <p>
            {preview.whatIf.moves.map((move) => move.name).join(', ')}{t('willLeave')}{preview.whatIf.from.before.name}{t('andJoin')}{preview.whatIf.to.before.name}{t('eachChangeIsSent')}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
