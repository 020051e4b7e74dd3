/**
 * The search box and the filters of the Conversation Manager. Picking from a list applies at once;
 * typed fields (text, dates, ranges, customer) apply on Enter or "Search", so half-typed numbers
 * never run a query. A refused search is explained next to the box.
 */
import { useId, useState } from 'react';
import type { ChangeEvent, FormEvent, ReactNode } from 'react';
import type { FilterOptions } from '../../../src-shared/api/history.js';
import type { Channel, Disposition } from '../../../src-shared/protocol/events.js';
import { dispositionSchema } from '../../../src-shared/protocol/events.js';
import {
  CHANNEL_LABELS,
  DISPOSITION_LABELS,
  DURATION_FIELDS,
  DURATION_LABELS,
  type DurationField,
  type DurationUnit,
  type FilterChip,
  type HistoryForm,
  type ResolvedChoice,
} from './history-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('history');

export interface SearchFormProps {
  readonly form: HistoryForm;
  readonly options: FilterOptions | null;
  readonly timeZones: readonly string[];
  readonly chips: readonly FilterChip[];
  readonly error: string | null;
  readonly busy: boolean;
  /** `apply` runs the search with the changed form at once (list picks); otherwise only the draft changes. */
  onChange(form: HistoryForm, apply: boolean): void;
  onSubmit(): void;
  onRemoveChip(key: string): void;
  onClearAll(): void;
}

const CHANNELS: readonly Channel[] = ['chat', 'voice'];
const DISPOSITIONS: readonly Disposition[] = dispositionSchema.options;

function SearchHelp() {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="history-help">
      <button
        type="button"
        className="history-help__button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('searchSyntaxHelp')}
        title={t('searchSyntaxHelp')}
        data-testid="history-search-help"
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        ?
      </button>
      {open ? (
        <span id={id} role="note" className="history-help__panel">
          <strong>{t('searchTheWordsOf')}</strong>
          <span>
            <code>{t('refund')}</code>{t('anyMessageWithThe')}<code>{t('refundCard')}</code>{t('bothWords')}<code>{t('lateFee')}</code>{t('theExactPhrase')}{' '}
            <code>{t('refun')}</code>{t('wordsStartingWith')}<code>{t('refundOrCredit')}</code>{t('either')}<code>{t('refundNotCard')}</code>{t('theFirstWithoutThe')}
          </span>
        </span>
      ) : null}
    </span>
  );
}

function Field({ label, children, wide = false }: { readonly label: string; readonly children: ReactNode; readonly wide?: boolean }) {
  return (
    <label className={wide ? 'field history-field--wide' : 'field'}>
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}

/** A list filter as a "pick one more" select: each pick is added and shown as a chip. */
function PickSelect({
  label,
  testId,
  choices,
  picked,
  onPick,
}: {
  readonly label: string;
  readonly testId: string;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
  readonly picked: readonly string[];
  onPick(value: string): void;
}) {
  const remaining = choices.filter((choice) => !picked.includes(choice.value));
  return (
    <Field label={label}>
      <select
        className="input"
        value=""
        data-testid={testId}
        disabled={remaining.length === 0}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => {
          if (event.target.value.length > 0) onPick(event.target.value);
        }}
      >
        <option value="">{picked.length > 0 ? t('addAnotherLengthPicked', { length: picked.length }) : t('any')}</option>
        {remaining.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function DurationRange({ field, form, onChange }: { readonly field: DurationField; readonly form: HistoryForm; onChange(form: HistoryForm, apply: boolean): void }) {
  const input = form.durations[field];
  const set = (patch: Partial<typeof input>, apply = false): void => onChange({ ...form, durations: { ...form.durations, [field]: { ...input, ...patch } } }, apply);
  const label = DURATION_LABELS[field];
  return (
    <fieldset className="history-range">
      <legend className="field__label">{label}</legend>
      <input
        className="input history-input--number"
        inputMode="decimal"
        aria-label={t('labelAtLeast', { label })}
        placeholder={t('min')}
        value={input.min}
        data-testid={`history-filter-${field}-min`}
        onChange={(event) => set({ min: event.target.value })}
      />
      <span aria-hidden="true">–</span>
      <input
        className="input history-input--number"
        inputMode="decimal"
        aria-label={t('labelAtMost', { label })}
        placeholder={t('max')}
        value={input.max}
        data-testid={`history-filter-${field}-max`}
        onChange={(event) => set({ max: event.target.value })}
      />
      <select className="input history-input--unit" aria-label={t('labelUnit', { label })} value={input.unit} onChange={(event) => set({ unit: event.target.value as DurationUnit })}>
        <option value="sec">{t('s')}</option>
        <option value="min">{t('min')}</option>
      </select>
    </fieldset>
  );
}

const CSAT_VALUES = ['1', '2', '3', '4', '5'];

/** The search form: box, filters, applied chips. */
export function SearchForm({ form, options, timeZones, chips, error, busy, onChange, onSubmit, onRemoveChip, onClearAll }: SearchFormProps) {
  const errorId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit();
  };
  const queueChoices = (options?.queues ?? []).map((queue) => ({ value: queue.queueId, label: `${queue.name} (${CHANNEL_LABELS[queue.channel]})` }));
  const agentChoices = (options?.agents ?? []).map((agent) => ({ value: agent.agentId, label: agent.name }));
  const teamChoices = (options?.teams ?? []).map((team) => ({ value: team.teamId, label: team.name }));
  const intentChoices = (options?.intents ?? []).map((intent) => ({ value: intent, label: intent }));
  return (
    <form className="panel history-search" role="search" aria-label={t('searchCachedConversations')} onSubmit={submit} data-testid="history-search">
      <div className="history-search__bar">
        <label className="visually-hidden" htmlFor={`${errorId}-text`}>
          {t('searchMessageText')}
        </label>
        <input
          id={`${errorId}-text`}
          className="input history-search__text"
          type="search"
          placeholder={t('searchMessagesWordsA')}
          value={form.text}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : errorId}
          data-testid="history-search-text"
          onChange={(event) => onChange({ ...form, text: event.target.value }, false)}
        />
        <SearchHelp />
        <button type="submit" className="button button--primary" data-testid="history-search-submit" aria-busy={busy}>
          {t('search')}
        </button>
      </div>
      {error === null ? null : (
        <p id={errorId} className="history-search__error" role="alert" data-testid="history-search-error">
          {error}
        </p>
      )}
      <div className="history-filters" aria-label={t('filters')} role="group">
        <PickSelect label={t('queue')} testId="history-filter-queue" choices={queueChoices} picked={form.queueIds} onPick={(value) => onChange({ ...form, queueIds: [...form.queueIds, value] }, true)} />
        <PickSelect label={t('agent2')} testId="history-filter-agent" choices={agentChoices} picked={form.agentIds} onPick={(value) => onChange({ ...form, agentIds: [...form.agentIds, value] }, true)} />
        <PickSelect label={t('team')} testId="history-filter-team" choices={teamChoices} picked={form.teamIds} onPick={(value) => onChange({ ...form, teamIds: [...form.teamIds, value] }, true)} />
        <PickSelect
          label={t('channel')}
          testId="history-filter-channel"
          choices={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
          picked={form.channels}
          onPick={(value) => onChange({ ...form, channels: [...form.channels, value as Channel] }, true)}
        />
        <PickSelect label={t('intent')} testId="history-filter-intent" choices={intentChoices} picked={form.intents} onPick={(value) => onChange({ ...form, intents: [...form.intents, value] }, true)} />
        <PickSelect
          label={t('disposition')}
          testId="history-filter-disposition"
          choices={DISPOSITIONS.map((disposition) => ({ value: disposition, label: DISPOSITION_LABELS[disposition] }))}
          picked={form.dispositions}
          onPick={(value) => onChange({ ...form, dispositions: [...form.dispositions, value as Disposition] }, true)}
        />
        <Field label={t('from')}>
          <input className="input" type="date" value={form.dateFrom} data-testid="history-filter-date-from" onChange={(event) => onChange({ ...form, dateFrom: event.target.value }, false)} />
        </Field>
        <Field label={t('to')}>
          <input className="input" type="date" value={form.dateTo} data-testid="history-filter-date-to" onChange={(event) => onChange({ ...form, dateTo: event.target.value }, false)} />
        </Field>
        <Field label={t('timeZoneOfDates')}>
          <select className="input" value={form.timeZone} data-testid="history-filter-zone" onChange={(event) => onChange({ ...form, timeZone: event.target.value }, true)}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </Field>
        {DURATION_FIELDS.map((field) => (
          <DurationRange key={field} field={field} form={form} onChange={onChange} />
        ))}
        <fieldset className="history-range">
          <legend className="field__label">{t('csat15')}</legend>
          <select className="input history-input--unit" aria-label={t('csatAtLeast')} value={form.csatMin} data-testid="history-filter-csat-min" onChange={(event) => onChange({ ...form, csatMin: event.target.value }, true)}>
            <option value="">{t('min')}</option>
            {CSAT_VALUES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          <span aria-hidden="true">–</span>
          <select className="input history-input--unit" aria-label={t('csatAtMost')} value={form.csatMax} data-testid="history-filter-csat-max" onChange={(event) => onChange({ ...form, csatMax: event.target.value }, true)}>
            <option value="">{t('max')}</option>
            {CSAT_VALUES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </fieldset>
        <Field label={t('resolved')}>
          <select className="input" value={form.resolved} data-testid="history-filter-resolved" onChange={(event) => onChange({ ...form, resolved: event.target.value as ResolvedChoice }, true)}>
            <option value="any">{t('any')}</option>
            <option value="yes">{t('resolved')}</option>
            <option value="no">{t('notResolved')}</option>
          </select>
        </Field>
        <Field label={t('customerIdNameE')} wide>
          <input className="input" value={form.customer} data-testid="history-filter-customer" onChange={(event) => onChange({ ...form, customer: event.target.value }, false)} />
        </Field>
      </div>
      {chips.length === 0 ? null : (
        <div className="history-chips" aria-label={t('appliedFilters')} role="group" data-testid="history-chips">
          {chips.map((chip) => (
            <span key={chip.key} className="history-chip" data-testid="history-chip" data-chip={chip.key}>
              <span className="history-chip__label">{chip.label}</span>
              <button type="button" className="history-chip__remove" aria-label={t('removeFilterLabel', { label: chip.label })} data-testid="history-chip-remove" onClick={() => onRemoveChip(chip.key)}>
                ×
              </button>
            </span>
          ))}
          <button type="button" className="button button--quiet" data-testid="history-clear-filters" onClick={onClearAll}>
            {t('clearAll')}
          </button>
        </div>
      )}
    </form>
  );
}
