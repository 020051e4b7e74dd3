/**
 * The controls that edit business hours: the week's windows day by day, holidays, special dates
 * with their own windows, and the closed message. Every field has a visible label; every error is
 * tied to its field; times are the queue's own.
 */
import { useState } from 'react';
import { crossesMidnight, DAY_NAMES, DAY_ORDER, isLocalDate, NEW_WINDOW, parseMinute, removeAt, replaceAt, withDay, type DraftPath, type HoursDraft, type WindowDraft } from './hours-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

type Errors = ReadonlyMap<DraftPath, string>;

function FieldError({ id, text }: { readonly id: string; readonly text: string | undefined }) {
  if (text === undefined) return null;
  return (
    <span className="field__error" id={id} role="alert">
      {text}
    </span>
  );
}

function WindowRow({ window, label, idBase, error, onChange, onRemove }: { readonly window: WindowDraft; readonly label: string; readonly idBase: string; readonly error: string | undefined; readonly onChange: (next: WindowDraft) => void; readonly onRemove: () => void }) {
  const open = parseMinute(window.open);
  const close = parseMinute(window.close);
  const overnight = open !== null && close !== null && crossesMidnight(open, close);
  const errorId = `${idBase}-error`;
  return (
    <li className="hours-window" data-testid="hours-window">
      <label className="hours-window__field">
        <span className="hours-window__label">{t('opens')}</span>
        <input
          className="input hours-window__time"
          value={window.open}
          inputMode="numeric"
          placeholder="08:00"
          aria-label={t('labelOpens', { label })}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : errorId}
          onChange={(event) => onChange({ ...window, open: event.target.value })}
          data-testid="hours-window-open"
        />
      </label>
      <label className="hours-window__field">
        <span className="hours-window__label">{t('closes')}</span>
        <input
          className="input hours-window__time"
          value={window.close}
          inputMode="numeric"
          placeholder="17:00"
          aria-label={t('labelCloses', { label })}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? undefined : errorId}
          onChange={(event) => onChange({ ...window, close: event.target.value })}
          data-testid="hours-window-close"
        />
      </label>
      {overnight ? (
        <span className="hours-window__overnight" data-testid="hours-window-overnight">
          {t('nextDayPastMidnight')}
        </span>
      ) : null}
      <button type="button" className="button button--small button--quiet" onClick={onRemove} aria-label={t('removeLabel', { label })} data-testid="hours-window-remove">
        {t('remove')}
      </button>
      <FieldError id={errorId} text={error} />
    </li>
  );
}

function WindowList({ windows, name, pathBase, errors, onChange }: { readonly windows: readonly WindowDraft[]; readonly name: string; readonly pathBase: `week.${number}` | `special.${number}`; readonly errors: Errors; readonly onChange: (next: readonly WindowDraft[]) => void }) {
  const idBase = pathBase.replace('.', '-');
  return (
    <>
      {windows.length === 0 ? <p className="muted hours-day__closed">{t('closed')}</p> : null}
      <ul className="hours-windows">
        {windows.map((window, index) => (
          <WindowRow
            key={index}
            window={window}
            label={t('nameWindowValue1', { name, value1: index + 1 })}
            idBase={`${idBase}-${index}`}
            error={errors.get(`${pathBase}.${index}` as DraftPath)}
            onChange={(next) => onChange(replaceAt(windows, index, next))}
            onRemove={() => onChange(removeAt(windows, index))}
          />
        ))}
      </ul>
      <FieldError id={`${idBase}-error`} text={errors.get(pathBase)} />
      <button type="button" className="button button--small" onClick={() => onChange([...windows, NEW_WINDOW])} aria-label={t('addAWindowOn', { name })} data-testid="hours-window-add">
        {t('addWindow')}
      </button>
    </>
  );
}

/** The week, Monday first: each day a group of windows. */
export function WeekEditor({ draft, errors, onChange }: { readonly draft: HoursDraft; readonly errors: Errors; readonly onChange: (next: HoursDraft) => void }) {
  return (
    <div className="hours-week" data-testid="hours-week">
      {DAY_ORDER.map((day) => (
        <fieldset key={day} className="hours-day" data-testid="hours-day" data-day={day}>
          <legend className="hours-day__name">{DAY_NAMES[day]}</legend>
          <WindowList windows={draft.week[day] ?? []} name={DAY_NAMES[day]} pathBase={`week.${day}`} errors={errors} onChange={(windows) => onChange(withDay(draft, day, windows))} />
        </fieldset>
      ))}
    </div>
  );
}

/** A date field with an Add button; Enter adds too. */
function AddDate({ label, testId, initial, onAdd }: { readonly label: string; readonly testId: string; readonly initial: string; readonly onAdd: (date: string) => void }) {
  const [date, setDate] = useState(initial);
  const inputId = `${testId}-date`;
  const add = (): void => {
    if (isLocalDate(date)) onAdd(date);
  };
  return (
    <div className="toolbar hours-add-date">
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          {label}
        </label>
        <input
          id={inputId}
          type="date"
          className="input"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          data-testid={inputId}
        />
      </div>
      <button type="button" className="button" onClick={add} disabled={!isLocalDate(date)} data-testid={`${testId}-add`}>
        {t('add')}
      </button>
    </div>
  );
}

/** Local dates closed all day. */
export function HolidaysEditor({ draft, errors, today, onChange }: { readonly draft: HoursDraft; readonly errors: Errors; readonly today: string; readonly onChange: (next: HoursDraft) => void }) {
  return (
    <fieldset className="hours-group" data-testid="hours-holidays">
      <legend className="hours-group__title">{t('holidaysClosedAllDay')}</legend>
      {draft.holidays.length === 0 ? <p className="muted">{t('noHoliday')}</p> : null}
      <ul className="hours-dates">
        {draft.holidays.map((date, index) => (
          <li key={date + String(index)} className="hours-date" data-testid="hours-holiday" data-date={date}>
            <span>{date}</span>
            <button type="button" className="button button--small button--quiet" onClick={() => onChange({ ...draft, holidays: removeAt(draft.holidays, index) })} aria-label={t('removeTheHolidayDate', { date })} data-testid="hours-holiday-remove">
              {t('remove')}
            </button>
            <FieldError id={`holiday-${index}-error`} text={errors.get(`holiday.${index}`)} />
          </li>
        ))}
      </ul>
      <FieldError id="holidays-error" text={errors.get('holidays')} />
      <AddDate label={t('addAHoliday')} testId="hours-holiday" initial={today} onAdd={(date) => onChange({ ...draft, holidays: [...draft.holidays, date].sort() })} />
    </fieldset>
  );
}

/** Dates with their own windows instead of the week's (none: closed that date). */
export function SpecialEditor({ draft, errors, today, onChange }: { readonly draft: HoursDraft; readonly errors: Errors; readonly today: string; readonly onChange: (next: HoursDraft) => void }) {
  return (
    <fieldset className="hours-group" data-testid="hours-special">
      <legend className="hours-group__title">{t('specialDatesTheirOwn')}</legend>
      {draft.special.length === 0 ? <p className="muted">{t('noSpecialDate')}</p> : null}
      {draft.special.map((entry, index) => (
        <fieldset key={entry.date + String(index)} className="hours-day" data-testid="hours-special-date" data-date={entry.date}>
          <legend className="hours-day__name">{entry.date}</legend>
          <WindowList
            windows={entry.windows}
            name={entry.date}
            pathBase={`special.${index}`}
            errors={errors}
            onChange={(windows) => onChange({ ...draft, special: replaceAt(draft.special, index, { ...entry, windows }) })}
          />
          <button type="button" className="button button--small button--quiet" onClick={() => onChange({ ...draft, special: removeAt(draft.special, index) })} aria-label={t('removeTheSpecialDate', { date: entry.date })} data-testid="hours-special-remove">
            {t('removeDate')}
          </button>
        </fieldset>
      ))}
      <AddDate
        label={t('addASpecialDate')}
        testId="hours-special"
        initial={today}
        onAdd={(date) => onChange({ ...draft, special: [...draft.special, { date, windows: [NEW_WINDOW] }].sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0)) })}
      />
    </fieldset>
  );
}

/** What customers hear or read while the queue is closed and no overflow rule takes them elsewhere. */
export function ClosedMessageEditor({ draft, errors, onChange }: { readonly draft: HoursDraft; readonly errors: Errors; readonly onChange: (next: HoursDraft) => void }) {
  const error = errors.get('closedMessage');
  return (
    <div className="field hours-group">
      <label className="field__label" htmlFor="hours-closed-message">
        {t('closedMessage')}
      </label>
      <span className="field__hint" id="hours-closed-message-hint">
        {t('whatCustomersHearOr')}
      </span>
      <textarea
        id="hours-closed-message"
        className="input textarea"
        value={draft.closedMessage}
        maxLength={1000}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? 'hours-closed-message-hint' : 'hours-closed-message-hint hours-closed-message-error'}
        onChange={(event) => onChange({ ...draft, closedMessage: event.target.value })}
        data-testid="hours-closed-message"
      />
      <FieldError id="hours-closed-message-error" text={error} />
    </div>
  );
}
