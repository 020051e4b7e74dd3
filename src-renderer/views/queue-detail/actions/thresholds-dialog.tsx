/** Threshold overrides of one queue: the feed's value beside this console's override, field by field, with reset. */
import { useState } from 'react';
import type { ThresholdSettings } from '../../../../src-shared/api/live-insights.js';
import type { Thresholds } from '../../../../src-shared/protocol/events.js';
import { useQuery } from '../../../hooks/use-api.js';
import { formatRoute } from '../../../shell/router.js';
import { FormDialog } from '../../../components/form-dialog.js';
import { draftFromSettings, formatThreshold, parseThresholdDraft, THRESHOLD_FIELDS, type ThresholdDraft, type ThresholdKey } from './thresholds-model.js';

export interface ThresholdsDialogProps {
  readonly queueId: string;
  readonly queueName: string;
  readonly pending: boolean;
  readonly error: string | null;
  readonly onSave: (override: Partial<Thresholds> | null) => void;
  readonly onClose: () => void;
}

function ThresholdsForm({ settings, draft, setDraft, errors }: { readonly settings: ThresholdSettings; readonly draft: ThresholdDraft; readonly setDraft: (next: ThresholdDraft) => void; readonly errors: Readonly<Partial<Record<ThresholdKey, string>>> }) {
  return (
    <table className="thresholds-table" data-testid="thresholds-table">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Feed</th>
          <th scope="col">Override on this console</th>
          <th scope="col">
            <span className="visually-hidden">Reset</span>
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
                <a className="dictionary-link" href={formatRoute({ view: 'dictionary', metricId: field.metricId })} title="What is this? Open the data dictionary">
                  ?<span className="visually-hidden"> {field.label} in the data dictionary</span>
                </a>
                <span className="thresholds-table__hint">{field.direction === 'above' ? 'highlighted above' : 'highlighted below'}</span>
              </th>
              <td className="thresholds-table__feed" data-testid="threshold-feed">
                {formatThreshold(field, settings.feed[field.key])}
              </td>
              <td>
                <input
                  id={inputId}
                  className={error === undefined ? 'input input--number' : 'input input--number is-invalid'}
                  inputMode="decimal"
                  placeholder={`${settings.feed[field.key]} (feed)`}
                  value={draft[field.key]}
                  aria-invalid={error !== undefined}
                  aria-describedby={error === undefined ? undefined : `${inputId}-error`}
                  onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
                  data-testid={`threshold-input-${field.key}`}
                />
                <span className="thresholds-table__unit">{field.unit === 'seconds' ? 's' : field.unit === 'percent' ? '%' : ''}</span>
                {error === undefined ? null : (
                  <span className="field__error" id={`${inputId}-error`}>
                    {error}
                  </span>
                )}
              </td>
              <td>
                <button type="button" className="button button--small" disabled={draft[field.key].length === 0} onClick={() => setDraft({ ...draft, [field.key]: '' })} data-testid={`threshold-reset-${field.key}`}>
                  Reset
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ThresholdsDialog({ queueId, queueName, pending, error, onSave, onClose }: ThresholdsDialogProps) {
  const settings = useQuery<'live.thresholds'>({ type: 'live.thresholds', queueId });
  const [draft, setDraft] = useState<ThresholdDraft | null>(null);
  const loaded = settings.status === 'ready' ? settings.value : null;
  const current = draft ?? (loaded === null ? null : draftFromSettings(loaded));
  const parsed = loaded === null || current === null ? null : parseThresholdDraft(current, loaded.feed);
  const submit = (): void => {
    if (parsed !== null && parsed.ok) onSave(parsed.override);
  };
  return (
    <FormDialog className="live-admin" title={`Thresholds: ${queueName}`} testId="thresholds-dialog" onCancel={onClose} error={error} onSubmit={submit} submitLabel={pending ? 'Saving…' : 'Save thresholds'} submitDisabled={pending || parsed === null || !parsed.ok} wide>
      {settings.status === 'loading' ? <p className="muted">Loading thresholds…</p> : null}
      {settings.status === 'error' ? (
        <p className="form-error" role="alert" data-testid="thresholds-error">
          Thresholds cannot be read: {settings.error}
        </p>
      ) : null}
      {loaded !== null && current !== null ? (
        <>
          <p className="muted">Leave a field empty to follow the feed’s queue configuration. Overrides apply on this console only and change which numbers are highlighted.</p>
          <ThresholdsForm settings={loaded} draft={current} setDraft={setDraft} errors={parsed !== null && !parsed.ok ? parsed.errors : {}} />
          <button type="button" className="button" onClick={() => setDraft(draftFromSettings({ override: null }))} data-testid="thresholds-reset-all">
            Reset all to the feed
          </button>
        </>
      ) : null}
    </FormDialog>
  );
}
