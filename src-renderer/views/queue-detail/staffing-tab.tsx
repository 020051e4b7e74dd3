/**
 * The Staffing tab of a queue or group (docs/staffing.md#live-advice): how many agents the live
 * demand needs, what those available achieve, the time to breach at the current trend and the
 * inputs behind it, refreshed every 15 s; then the forecast for the rest of the day; for a queue,
 * the what-if of moving agents from another queue, and for a chat queue the what-if of changing its
 * agents' slots. A group is advised as its queues pooled.
 */
import { useEffect } from 'react';
import type { QueueStaffingAdvice } from '../../../src-shared/api/staffing.js';
import { useQuery } from '../../hooks/use-api.js';
import type { Route } from '../../shell/router.js';
import { DetailState } from './detail-states.js';
import { UNKNOWN_PREFIX, adviceSentence, inputRows, predictedRows } from './staffing-model.js';
import { StaffingForecastPanel } from './staffing-forecast.js';
import { StaffingCapacityPanel } from './staffing-capacity.js';
import { StaffingWhatIfPanel } from './staffing-what-if.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

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

function AdvicePanel({ advice, pooled = false }: { readonly advice: QueueStaffingAdvice; readonly pooled?: boolean }) {
  const short = advice.minutesToBreach.value === 0;
  return (
    <section className="panel detail-card" aria-labelledby="staffing-advice-title" data-testid="staffing-advice">
      <h2 id="staffing-advice-title" className="detail-section__title">
        {t('staffingNow')}
      </h2>
      <p className={short ? 'mitigation-note mitigation-note--active' : 'mitigation-note'} role="status" aria-live="polite" data-testid="staffing-sentence">
        {adviceSentence(advice)}
      </p>
      <div className="performance-tab__pair">
        <div>
          <h3 className="detail-section__title">{t('withThe')}{advice.agentsAvailable}{t('available2')}</h3>
          <FigureList rows={predictedRows(advice.current)} testId="staffing-current" />
        </div>
        <div>
          <h3 className="detail-section__title">{t('withTheAgentsNeeded')}</h3>
          <FigureList rows={predictedRows(advice.required)} testId="staffing-required" />
        </div>
      </div>
      <h3 className="detail-section__title">{t('inputs')}</h3>
      <FigureList rows={inputRows(advice)} testId="staffing-inputs" />
      <p className="detail-muted">
        {pooled
          ? t('agentsloggedinLoggedInAgentsavailable', { agentsLoggedIn: advice.agentsLoggedIn, agentsAvailable: advice.agentsAvailable })
          : t('agentsloggedinLoggedInAgentsavailable2', { agentsLoggedIn: advice.agentsLoggedIn, agentsAvailable: advice.agentsAvailable })}
      </p>
    </section>
  );
}

/** Refreshes a query every REFRESH_MS while mounted. */
function useRefresh(reload: () => void): void {
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
}

function AdviceError({ error, reload }: { readonly error: string; readonly reload: () => void }) {
  return (
    <DetailState kind="error" title={t('theStaffingAdviceCould')} testId="staffing-error">
      <p>{error}</p>
      <button type="button" className="button" onClick={reload}>
        {t('tryAgain')}
      </button>
    </DetailState>
  );
}

function QueueStaffing({ queueId }: { readonly queueId: string }) {
  const advice = useQuery<'staffing.advice'>({ type: 'staffing.advice', queueId });
  useRefresh(advice.reload);
  if (advice.status === 'loading') return <DetailState kind="loading" title={t('workingOutTheStaffing')} testId="staffing-loading" />;
  if (advice.status === 'error') return <AdviceError error={advice.error} reload={advice.reload} />;
  const [current] = advice.value;
  if (current === undefined) return <DetailState kind="empty" title={t('noAdviceThisQueue')} testId="staffing-empty" />;
  return (
    <div className="performance-tab" data-testid="staffing-tab">
      <AdvicePanel advice={current} />
      <StaffingForecastPanel target={{ kind: 'queue', queueId }} />
      <StaffingWhatIfPanel target={current} onApplied={advice.reload} />
      {current.channel === 'chat' ? <StaffingCapacityPanel target={current} onApplied={advice.reload} /> : null}
    </div>
  );
}

function GroupStaffing({ groupId }: { readonly groupId: string }) {
  const advice = useQuery<'staffing.groupAdvice'>({ type: 'staffing.groupAdvice', groupId });
  useRefresh(advice.reload);
  if (advice.status === 'loading') return <DetailState kind="loading" title={t('workingOutTheStaffing')} testId="staffing-loading" />;
  if (advice.status === 'error') return <AdviceError error={advice.error} reload={advice.reload} />;
  return (
    <div className="performance-tab" data-testid="staffing-tab" data-group-id={groupId}>
      <AdvicePanel advice={advice.value} pooled />
      <StaffingForecastPanel target={{ kind: 'group', groupId }} />
      <p className="detail-muted" data-testid="staffing-group-what-if">
        {t('toMoveAgentsOpen')}
      </p>
    </div>
  );
}

/** The tab: a queue's advice, or a group's pooled advice. */
export function StaffingTab({ route }: { readonly route: QueueRoute }) {
  return route.target.kind === 'queue' ? <QueueStaffing queueId={route.target.queueId} /> : <GroupStaffing groupId={route.target.groupId} />;
}
