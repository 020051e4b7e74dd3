/** The "current queue" panel beside the conversations table (docs/product.md §2). */
import type { QueuePanel as QueuePanelData } from '../../../src-shared/api/live-insights.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { ExplainScope } from '../../components/explain-figure.js';
import { partialDayNote } from '../../format/metric-format.js';
import { MetricList } from './metric-list.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

const WAITING: readonly MetricId[] = ['queued', 'avgCurrentTimeInQueueSec', 'avgWaitSec', 'avgTimeToAssignSec'];
const VOLUME: readonly MetricId[] = ['offered', 'assigned', 'timedOutToday'];
const HANDLING: readonly MetricId[] = ['ahtNowSec', 'avgResponseTimeSec', 'avgFirstResponseTimeSec'];

export function QueuePanel({ panel, scope, scopeName }: { readonly panel: QueuePanelData | null; readonly scope: ExplainScope; readonly scopeName: string }) {
  // "Today" figures (timed out today) that do not reach back to midnight say from when they count.
  const partialDay = panel === null ? null : partialDayNote(panel);
  return (
    <aside className="panel queue-panel" aria-labelledby="queue-panel-title" data-testid="queue-panel">
      <h2 id="queue-panel-title" className="detail-section__title">
        {t('currentQueue')}
      </h2>
      {panel === null ? (
        <p className="detail-muted">{t('waitingForTheFirst')}</p>
      ) : (
        <>
          <MetricList metricIds={WAITING} metrics={panel.metrics} breaches={panel.breaches} label={t('waitingCustomers')} testId="queue-panel-waiting" scope={scope} scopeName={scopeName} />
          <MetricList metricIds={VOLUME} metrics={panel.metrics} breaches={panel.breaches} label={t('volumeNow')} testId="queue-panel-volume" scope={scope} scopeName={scopeName} />
          {partialDay === null ? null : (
            <p className="queue-tile__partial" data-testid="queue-panel-partial-day" title={partialDay.explanation}>
              {t('todaySince')}
              {partialDay.since}
            </p>
          )}
          <MetricList metricIds={HANDLING} metrics={panel.metrics} breaches={panel.breaches} label={t('handling')} testId="queue-panel-handling" scope={scope} scopeName={scopeName} />
        </>
      )}
    </aside>
  );
}
