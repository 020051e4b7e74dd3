/** The "current queue" panel beside the conversations table (docs/product.md §2). */
import type { QueuePanel as QueuePanelData } from '../../../src-shared/api/live-insights.js';
import type { MetricId } from '../../../src-shared/metrics/dictionary.js';
import type { ExplainScope } from '../../components/explain-figure.js';
import { MetricList } from './metric-list.js';

const WAITING: readonly MetricId[] = ['queued', 'avgCurrentTimeInQueueSec', 'avgWaitSec', 'avgTimeToAssignSec'];
const VOLUME: readonly MetricId[] = ['offered', 'assigned'];
const HANDLING: readonly MetricId[] = ['ahtNowSec', 'avgResponseTimeSec', 'avgFirstResponseTimeSec'];

export function QueuePanel({ panel, scope, scopeName }: { readonly panel: QueuePanelData | null; readonly scope: ExplainScope; readonly scopeName: string }) {
  return (
    <aside className="panel queue-panel" aria-labelledby="queue-panel-title" data-testid="queue-panel">
      <h2 id="queue-panel-title" className="detail-section__title">
        Current queue
      </h2>
      {panel === null ? (
        <p className="detail-muted">Waiting for the first figures…</p>
      ) : (
        <>
          <MetricList metricIds={WAITING} metrics={panel.metrics} breaches={panel.breaches} label="Waiting customers" testId="queue-panel-waiting" scope={scope} scopeName={scopeName} />
          <MetricList metricIds={VOLUME} metrics={panel.metrics} breaches={panel.breaches} label="Volume now" testId="queue-panel-volume" scope={scope} scopeName={scopeName} />
          <MetricList metricIds={HANDLING} metrics={panel.metrics} breaches={panel.breaches} label="Handling" testId="queue-panel-handling" scope={scope} scopeName={scopeName} />
        </>
      )}
    </aside>
  );
}
