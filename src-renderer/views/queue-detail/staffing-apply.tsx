/**
 * Applying a staffing what-if: one Management command per agent it names (`agent.queues` for a
 * move, `agent.capacity` for a slot change), sent one at a time after a confirmation, each its own
 * audited command, with each agent's answer listed as it comes.
 */
import { useState } from 'react';
import { isStillUnknown, issueCommand, newCommandId } from '../../client/commands.js';
import { useClient } from '../../hooks/client-context.js';
import type { ApplyStep } from './staffing-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

export interface ApplyResult {
  readonly step: ApplyStep;
  readonly outcome: 'acked' | 'refused' | 'unknown';
  readonly detail: string;
}

export type ApplyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'running'; readonly results: readonly ApplyResult[]; readonly total: number }
  | { readonly kind: 'done'; readonly results: readonly ApplyResult[] };

/** The words of one kind of apply: progress, the summary when done, and what an acked step did. */
export interface ApplyWords {
  readonly running: (answered: number, total: number) => string;
  readonly done: (acked: number, total: number) => string;
  readonly progressLabel: string;
  readonly acked: string;
}

/** The apply flow's state, and the runner that sends the steps one by one. */
export function useApplySteps(onApplied: () => void): { readonly apply: ApplyState; readonly setApply: (state: ApplyState) => void; readonly run: (steps: readonly ApplyStep[]) => Promise<void> } {
  const client = useClient();
  const [apply, setApply] = useState<ApplyState>({ kind: 'idle' });
  const run = async (steps: readonly ApplyStep[]): Promise<void> => {
    const results: ApplyResult[] = [];
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
  return { apply, setApply, run };
}

/** Each agent's answer, and the count so far. */
export function ApplyResults({ apply, words, testId, itemTestId }: { readonly apply: Extract<ApplyState, { kind: 'running' | 'done' }>; readonly words: ApplyWords; readonly testId: string; readonly itemTestId: string }) {
  const total = apply.kind === 'running' ? apply.total : apply.results.length;
  const acked = apply.results.filter((result) => result.outcome === 'acked').length;
  return (
    <div data-testid={testId} data-state={apply.kind}>
      <p role="status" aria-live="polite">
        {apply.kind === 'running' ? words.running(apply.results.length, total) : words.done(acked, total)}
      </p>
      {apply.kind === 'running' ? <progress max={Math.max(1, total)} value={apply.results.length} aria-label={words.progressLabel} /> : null}
      <ul>
        {apply.results.map((result) => (
          <li key={result.step.agentId} data-testid={itemTestId} data-agent-id={result.step.agentId} data-outcome={result.outcome}>
            {result.step.name}: {result.outcome === 'acked' ? words.acked : result.outcome === 'unknown' ? t('unknownYet') : t('refused')}
            {result.detail.length > 0 ? ` (${result.detail})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
