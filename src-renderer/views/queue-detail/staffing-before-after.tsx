/**
 * The before-and-after table of a staffing what-if: one row per queue and moment, with the agents
 * available, the agents needed, the predicted service level and the time to breach (and, for a
 * slot change, the conversations per agent).
 */
import type { QueueStaffingAdvice } from '../../../src-shared/api/staffing.js';
import { breachText, percentText } from './staffing-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

export interface BeforeAfterRow {
  readonly key: string;
  readonly label: string;
  readonly advice: QueueStaffingAdvice;
}

function serviceLevelOf(advice: QueueStaffingAdvice): string {
  return advice.current.value === null ? t('unknownReason', { reason: advice.current.reason }) : percentText(advice.current.value.serviceLevel);
}

function neededOf(advice: QueueStaffingAdvice): string {
  return advice.required.value === null ? t('unknown') : String(advice.required.value.agents);
}

/** Rows of advice side by side; `showSlots` adds the slots-per-agent column. */
export function BeforeAfterTable({ rows, caption, testId, rowTestId, showSlots = false }: { readonly rows: readonly BeforeAfterRow[]; readonly caption: string; readonly testId: string; readonly rowTestId: (key: string) => string; readonly showSlots?: boolean }) {
  return (
    <div className="detail-table__scroller">
      <table className="detail-table staffing-table" data-testid={testId}>
        <caption className="detail-muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queue2')}</th>
            <th scope="col" className="numeric">{t('available')}</th>
            {showSlots ? <th scope="col" className="numeric">{t('slotsPerAgent')}</th> : null}
            <th scope="col" className="numeric">{t('needed')}</th>
            <th scope="col" className="numeric">{t('serviceLevel')}</th>
            <th scope="col">{t('breach')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={rowTestId(row.key)} data-queue-id={row.advice.queueId}>
              <th scope="row">{row.label}</th>
              <td className="numeric">{row.advice.agentsAvailable}</td>
              {showSlots ? <td className="numeric">{row.advice.inputs.slotsPerAgent}</td> : null}
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
