/**
 * A figure's explanation: what the metric means and how it is computed, the figure's actual
 * inputs in words ("412 of 463"), the range and zone it covers, what other tools call it, and a
 * link to the conversations behind it in the Conversation Manager with the same filters and range.
 */
import { Dialog } from '../../components/dialog.js';
import { navigate } from '../../shell/router.js';
import { formatDateTime } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';
import { cellText, deltaOf, inputsSentence, metricLabel } from './insights-model.js';
import { metricExplanation } from './metric-explanation.js';
import { figureDrill, type FigureRef } from './widget-figures.js';

const t = useT('insights');

export function ExplainPanel({ figure, onClose }: { readonly figure: FigureRef; onClose(): void }) {
  const { metric, cell, result } = figure;
  const explanation = metricExplanation(metric);
  const inputs = inputsSentence(metric, cell);
  const drill = figureDrill(figure);
  const delta = figure.previous === null ? null : deltaOf(metric, cell.value, figure.previous.value);
  const openConversations = (): void => {
    if (drill === null) return;
    onClose();
    navigate({ view: 'history', conversationId: null, drill: { filters: drill, timeZone: result.range.timeZone } });
  };
  const title = figure.rowLabel === null ? metricLabel(metric) : t('metricOfMember', { metric: metricLabel(metric), member: figure.rowLabel });
  return (
    <Dialog title={title} testId="insights-explain" onCancel={onClose} closeButton wide className="insights">
      <div className="dialog__body insights-explain">
        <p className={cell.value === null ? 'insights-explain__unknown' : 'insights-explain__value'} data-testid="insights-explain-value">
          {cell.value === null ? t('notKnownExplained') : cellText(metric, cell)}
        </p>
        {inputs === null ? null : <p data-testid="insights-explain-inputs">{inputs}</p>}
        {delta === null ? null : <p>{delta.words}</p>}
        <dl className="insights-explain__facts">
          <dt>{t('definition')}</dt>
          <dd data-testid="insights-explain-definition">{explanation.definition}</dd>
          <dt>{t('formula')}</dt>
          <dd>
            <code>{explanation.formula}</code>
          </dd>
          <dt>{t('range')}</dt>
          <dd>
            {t('rangeInZone', { range: result.range.label, zone: result.range.timeZone })}
          </dd>
          {result.coveredFrom === null ? null : (
            <>
              <dt>{t('cacheHolds')}</dt>
              <dd>{t('cacheFrom', { from: formatDateTime(result.coveredFrom, result.range.timeZone) })}</dd>
            </>
          )}
          {explanation.alternatives.length === 0 ? null : (
            <>
              <dt>{t('alternatives')}</dt>
              <dd>
                <ul className="insights-explain__alternatives">
                  {explanation.alternatives.map((alternative) => (
                    <li key={alternative}>{alternative}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      </div>
      <footer className="dialog__footer">
        {drill === null ? (
          <p className="insights-muted">{t('notMadeOfConversations')}</p>
        ) : (
          <button type="button" className="button button--primary" onClick={openConversations} data-testid="insights-drill">
            {t('openTheConversations')}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('close')}
        </button>
      </footer>
    </Dialog>
  );
}
