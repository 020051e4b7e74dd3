/** The personal threshold override of one queue: the organisation's value beside this user's, field by field, with reset. */
import type { ThresholdSettings } from '../../../src-shared/api/live-insights.js';
import { formatRoute } from '../../shell/router.js';
import { formatThreshold, THRESHOLD_FIELDS, type ThresholdDraft, type ThresholdKey } from './thresholds-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

export interface ThresholdOverrideTableProps {
  readonly settings: ThresholdSettings;
  readonly draft: ThresholdDraft;
  readonly setDraft: (next: ThresholdDraft) => void;
  readonly errors: Readonly<Partial<Record<ThresholdKey, string>>>;
}

/** One row per threshold: an empty field follows the organisation's value; a filled one overrides it for this user on this console. */
export function ThresholdOverrideTable({ settings, draft, setDraft, errors }: ThresholdOverrideTableProps) {
  return (
    <table className="thresholds-table" data-testid="thresholds-table">
      <thead>
        <tr>
          <th scope="col">{t('metric')}</th>
          <th scope="col">{t('organisation')}</th>
          <th scope="col">{t('yoursOnThisConsole')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('reset')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {THRESHOLD_FIELDS.map((field) => {
          const error = errors[field.key];
          const inputId = `threshold-${field.key}`;
          return (
            <tr key={field.key} data-testid="threshold-row" data-field={field.key} className={draft[field.key].length > 0 ? 'is-overridden' : undefined}>
              <th scope="row">
                <label htmlFor={inputId}>{field.label}</label>
                <a className="dictionary-link" href={formatRoute({ view: 'dictionary', metricId: field.metricId })} title={t('whatIsThisOpen')}>
                  ?<span className="visually-hidden"> {field.label}{t('inTheDataDictionary')}</span>
                </a>
                <span className="thresholds-table__hint">{field.direction === 'above' ? t('highlightedAbove') : t('highlightedBelow')}</span>
              </th>
              <td className="thresholds-table__feed" data-testid="threshold-feed">
                {formatThreshold(field, settings.feed[field.key])}
              </td>
              <td>
                <input
                  id={inputId}
                  className={error === undefined ? 'input input--number' : 'input input--number is-invalid'}
                  inputMode="decimal"
                  placeholder={String(settings.feed[field.key])}
                  value={draft[field.key]}
                  aria-invalid={error !== undefined}
                  aria-describedby={error === undefined ? undefined : `${inputId}-error`}
                  onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
                  data-testid={`threshold-input-${field.key}`}
                />
                <span className="thresholds-table__unit">{field.unit === 'seconds' ? t('s') : field.unit === 'percent' ? '%' : ''}</span>
                {error === undefined ? null : (
                  <span className="field__error" id={`${inputId}-error`}>
                    {error}
                  </span>
                )}
              </td>
              <td>
                <button type="button" className="button button--small" disabled={draft[field.key].length === 0} onClick={() => setDraft({ ...draft, [field.key]: '' })} aria-label={t('resetLabelToThe', { label: field.label })} data-testid={`threshold-reset-${field.key}`}>
                  {t('reset')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
