/**
 * A queue's thresholds, in two clearly separate parts: the organisation's (the feed's queue
 * configuration, changed through the feed with queue.thresholds and audited), and this user's
 * personal override on this console (thresholds.override), which changes only what is
 * highlighted here.
 */
import { useState } from 'react';
import { COMMAND_CAPABILITY } from '../../../src-shared/api/contract.js';
import type { QueueSettings } from '../../../src-shared/api/management.js';
import type { Thresholds } from '../../../src-shared/protocol/events.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { formatRoute } from '../../shell/router.js';
import { draftFromSettings, formatThreshold, parseThresholdDraft, THRESHOLD_FIELDS, type ThresholdDraft } from './thresholds-model.js';
import { ThresholdOverrideTable } from './threshold-override.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

function MetricLabel({ label, metricId, htmlFor }: { readonly label: string; readonly metricId: (typeof THRESHOLD_FIELDS)[number]['metricId']; readonly htmlFor?: string }) {
  return (
    <>
      {htmlFor === undefined ? label : <label htmlFor={htmlFor}>{label}</label>}
      <a className="dictionary-link" href={formatRoute({ view: 'dictionary', metricId })} title={t('whatIsThisOpen')}>
        ?<span className="visually-hidden"> {label}{t('inTheDataDictionary')}</span>
      </a>
    </>
  );
}

/** The organisation's thresholds of a queue; editable with `admin.thresholds`, read-only otherwise. */
function OrganisationThresholds({ queue, onSaved }: { readonly queue: QueueSettings; readonly onSaved: () => void }) {
  const canEdit = useCan('admin.thresholds');
  const [saved, setSaved] = useState<Thresholds>(queue.thresholds);
  // Prefilled with the current values: an emptied field keeps its value.
  const [draft, setDraft] = useState<ThresholdDraft>(() => draftFromSettings({ override: saved }));
  const parsed = parseThresholdDraft(draft, saved);
  const command = useCommand();
  const save = async (): Promise<void> => {
    if (!parsed.ok) return;
    const thresholds = parsed.effective;
    const result = await command.run<'queue.thresholds'>(
      { type: 'queue.thresholds', queueId: queue.queueId, thresholds },
      { pending: t('savingTheThresholdsOf', { name: queue.name }), describe: (receipt) => `${queue.name}: thresholds saved for everyone (audit #${receipt.auditId}).${receipt.detail === null ? '' : ` ${receipt.detail}`}` },
    );
    if (result.ok) {
      setSaved(thresholds);
      onSaved();
    }
  };
  const errors = parsed.ok ? {} : parsed.errors;
  return (
    <section className="panel thresholds-part" aria-labelledby="org-thresholds-title" data-testid="org-thresholds" data-editable={canEdit ? 'true' : 'false'}>
      <h2 id="org-thresholds-title" className="hours-group__title">
        {t('organisationThresholds')}
      </h2>
      <p className="muted">{t('setForEveryoneWho')}{queue.name}{t('changedThroughTheContact')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <table className="thresholds-table" data-testid="org-thresholds-table">
          <thead>
            <tr>
              <th scope="col">{t('metric')}</th>
              <th scope="col">{t('now')}</th>
              {canEdit ? <th scope="col">{t('newValue')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {THRESHOLD_FIELDS.map((field) => {
              const inputId = `org-threshold-${field.key}`;
              const error = errors[field.key];
              return (
                <tr key={field.key} data-testid="org-threshold-row" data-field={field.key}>
                  <th scope="row">
                    <MetricLabel label={field.label} metricId={field.metricId} htmlFor={canEdit ? inputId : undefined} />
                    <span className="thresholds-table__hint">{field.direction === 'above' ? t('highlightedAbove') : t('highlightedBelow')}</span>
                  </th>
                  <td className="thresholds-table__feed" data-testid="org-threshold-value">
                    {formatThreshold(field, saved[field.key])}
                  </td>
                  {canEdit ? (
                    <td>
                      <input
                        id={inputId}
                        className="input input--number"
                        inputMode="decimal"
                        value={draft[field.key]}
                        aria-invalid={error !== undefined}
                        aria-describedby={error === undefined ? undefined : `${inputId}-error`}
                        onChange={(event) => setDraft({ ...draft, [field.key]: event.target.value })}
                        data-testid={`org-threshold-input-${field.key}`}
                      />
                      <span className="thresholds-table__unit">{field.unit === 'seconds' ? t('s') : field.unit === 'percent' ? '%' : ''}</span>
                      {error === undefined ? null : (
                        <span className="field__error" id={`${inputId}-error`}>
                          {error}
                        </span>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {canEdit ? (
          <div className="toolbar">
            <button type="submit" className="button button--primary" disabled={command.pending || !parsed.ok} data-testid="org-thresholds-save">
              {command.pending ? t('saving') : t('saveForEveryone')}
            </button>
          </div>
        ) : null}
      </form>
      {canEdit ? <ActionFeedback feedback={command.feedback} testId="org-thresholds-feedback" onDismiss={command.clear} /> : null}
    </section>
  );
}

/** This user's override on this console, beside the feed's values. */
function PersonalOverride({ queue }: { readonly queue: QueueSettings }) {
  const canOverride = useCan(COMMAND_CAPABILITY['thresholds.override']);
  const settings = useQuery<'live.thresholds'>({ type: 'live.thresholds', queueId: queue.queueId });
  const [draft, setDraft] = useState<ThresholdDraft | null>(null);
  const command = useCommand();
  const loaded = settings.status === 'ready' ? settings.value : null;
  const current = draft ?? (loaded === null ? null : draftFromSettings(loaded));
  const parsed = loaded === null || current === null ? null : parseThresholdDraft(current, loaded.feed);
  const save = async (): Promise<void> => {
    if (parsed === null || !parsed.ok) return;
    const result = await command.run<'thresholds.override'>(
      { type: 'thresholds.override', queueId: queue.queueId, thresholds: parsed.override },
      {
        pending: t('savingYourThresholdsOf', { name: queue.name }),
        describe: (value) => (value.override === null ? t('nameFollowsTheOrganisation', { name: queue.name }) : t('nameLengthThresholdsOverridden', { name: queue.name, length: Object.keys(value.override).length })),
      },
    );
    if (result.ok) settings.reload();
  };
  if (!canOverride) return null;
  return (
    <section className="panel thresholds-part thresholds-part--personal" aria-labelledby="personal-thresholds-title" data-testid="personal-thresholds">
      <h2 id="personal-thresholds-title" className="hours-group__title">
        {t('onlyForYouOn')}
      </h2>
      <p className="muted">{t('yourOwnThresholdsFor')}{queue.name}{t('theyChangeWhichNumbers')}</p>
      {settings.status === 'loading' ? <p className="muted">{t('loadingYourThresholds')}</p> : null}
      {settings.status === 'error' ? (
        <p className="form-error" role="alert" data-testid="personal-thresholds-error">
          {t('yourThresholdsCannotBe')}{settings.error}
        </p>
      ) : null}
      {loaded !== null && current !== null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ThresholdOverrideTable settings={loaded} draft={current} setDraft={setDraft} errors={parsed !== null && !parsed.ok ? parsed.errors : {}} />
          <div className="toolbar">
            <button type="submit" className="button button--primary" disabled={command.pending || parsed === null || !parsed.ok} data-testid="personal-thresholds-save">
              {command.pending ? t('saving') : t('saveMyThresholds')}
            </button>
            <button type="button" className="button" onClick={() => setDraft(draftFromSettings({ override: null }))} data-testid="thresholds-reset-all">
              {t('resetAllToThe')}
            </button>
          </div>
        </form>
      ) : null}
      <ActionFeedback feedback={command.feedback} testId="personal-thresholds-feedback" onDismiss={command.clear} />
    </section>
  );
}

/** The thresholds of one queue: the organisation's, then the personal override, each labelled. */
export function ThresholdsSection({ queue, onSaved }: { readonly queue: QueueSettings; readonly onSaved: () => void }) {
  return (
    <div className="thresholds-section" data-testid="thresholds-section">
      <OrganisationThresholds queue={queue} onSaved={onSaved} />
      <PersonalOverride queue={queue} />
    </div>
  );
}
