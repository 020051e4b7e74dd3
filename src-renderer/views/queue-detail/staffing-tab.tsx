/**
 * The Staffing tab of a queue (docs/staffing.md#live-advice): how many agents the live demand needs,
 * what those available achieve, the time to breach at the current trend and the inputs behind it,
 * refreshed every 15 s; below it, the what-if of moving agents from another queue.
 */
import { useEffect } from 'react';
import type { QueueStaffingAdvice } from '../../../src-shared/api/staffing.js';
import { useQuery } from '../../hooks/use-api.js';
import type { Route } from '../../shell/router.js';
import { DetailState } from './detail-states.js';
import { UNKNOWN_PREFIX, adviceSentence, inputRows, predictedRows } from './staffing-model.js';
import { StaffingWhatIfPanel } from './staffing-what-if.js';

type QueueRoute = Extract<Route, { view: 'queue' }>;

/** How often the advice is asked again: the arrival windows move by the minute, not the second. */
const REFRESH_MS = 15_000;

/** A two-column list of label and text. */
export function FigureList({ rows, testId }: { readonly rows: readonly { readonly label: string; readonly text: string }[]; readonly testId: string }) {
  return (
    <dl className="detail-metrics" data-testid={testId}>
      {rows.map((row) => (
        <div key={row.label}>
          <dt className="detail-metric__label">{row.label}</dt>
          {/* A reason is a sentence, not a figure: read at text size, not across the room. */}
          <dd className={row.text.startsWith(UNKNOWN_PREFIX) ? 'detail-metric__value detail-metric__value--unknown' : 'detail-metric__value'}>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}

function AdvicePanel({ advice }: { readonly advice: QueueStaffingAdvice }) {
  const short = advice.minutesToBreach.value === 0;
  return (
    <section className="panel detail-card" aria-labelledby="staffing-advice-title" data-testid="staffing-advice">
      <h2 id="staffing-advice-title" className="detail-section__title">
        Staffing now
      </h2>
      <p className={short ? 'mitigation-note mitigation-note--active' : 'mitigation-note'} role="status" aria-live="polite" data-testid="staffing-sentence">
        {adviceSentence(advice)}
      </p>
      <div className="performance-tab__pair">
        <div>
          <h3 className="detail-section__title">With the {advice.agentsAvailable} available</h3>
          <FigureList rows={predictedRows(advice.current)} testId="staffing-current" />
        </div>
        <div>
          <h3 className="detail-section__title">With the agents needed</h3>
          <FigureList rows={predictedRows(advice.required)} testId="staffing-required" />
        </div>
      </div>
      <h3 className="detail-section__title">Inputs</h3>
      <FigureList rows={inputRows(advice)} testId="staffing-inputs" />
      <p className="detail-muted">
        {advice.agentsLoggedIn} logged in, {advice.agentsAvailable} available. Agents away do not count; an agent in several queues counts in each.
      </p>
    </section>
  );
}

/** The tab: advice for a queue; a group has none of its own (its queues each have theirs). */
export function StaffingTab({ route }: { readonly route: QueueRoute }) {
  const queueId = route.target.kind === 'queue' ? route.target.queueId : null;
  const advice = useQuery<'staffing.advice'>(queueId === null ? null : { type: 'staffing.advice', queueId });
  const { reload } = advice;
  useEffect(() => {
    if (queueId === null) return undefined;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [queueId, reload]);

  if (queueId === null) {
    return <DetailState kind="empty" title="Staffing advice is given per queue." testId="staffing-group">Open one of this group’s queues to see its advice.</DetailState>;
  }
  if (advice.status === 'loading') return <DetailState kind="loading" title="Working out the staffing…" testId="staffing-loading" />;
  if (advice.status === 'error') {
    return (
      <DetailState kind="error" title="The staffing advice could not be loaded." testId="staffing-error">
        <p>{advice.error}</p>
        <button type="button" className="button" onClick={reload}>
          Try again
        </button>
      </DetailState>
    );
  }
  const [current] = advice.value;
  if (current === undefined) return <DetailState kind="empty" title="No advice: this queue is not on the floor." testId="staffing-empty" />;
  return (
    <div className="performance-tab" data-testid="staffing-tab">
      <AdvicePanel advice={current} />
      <StaffingWhatIfPanel target={current} onApplied={reload} />
    </div>
  );
}
