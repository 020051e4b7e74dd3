/**
 * The week ahead of a queue as its hours make it, in its zone: each day's windows after holidays,
 * special dates and DST, with a plain note wherever DST moves or removes a boundary. It previews
 * the hours being edited, so a mistake shows before it is saved.
 */
import { useMemo, useState } from 'react';
import { weekPreview, type DayPreview } from '../../../src-shared/business-hours.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import { DAY_NAMES, isLocalDate, localDateIn } from './hours-model.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

export interface WeekPreviewProps {
  readonly hours: BusinessHours;
  readonly timeZone: string;
  /** The preview shows the hours being edited, not yet saved. */
  readonly edited: boolean;
}

const kindWords: Readonly<Record<DayPreview['kind'], string>> = { weekly: '', holiday: 'Holiday', special: 'Special hours' };

function DayRow({ day, today }: { readonly day: DayPreview; readonly today: string }) {
  return (
    <tr data-testid="preview-day" data-date={day.date} data-kind={day.kind} data-open={day.intervals.length > 0 ? 'true' : 'false'}>
      <th scope="row">
        {DAY_NAMES[day.weekday]} {day.date}
        {day.date === today ? <span className="muted">{t('today')}</span> : null}
      </th>
      <td>
        {day.intervals.length === 0 ? <span className="week-preview__closed">{t('closed')}</span> : day.intervals.map((interval) => interval.label).join(', ')}
        {day.kind === 'weekly' ? null : <span className="muted"> · {kindWords[day.kind]}</span>}
        {day.notes.map((note) => (
          <span key={note} className="week-preview__note" data-testid="preview-note">
            {note}
          </span>
        ))}
      </td>
    </tr>
  );
}

export function WeekPreview({ hours, timeZone, edited }: WeekPreviewProps) {
  const today = localDateIn(timeZone, Date.now());
  const [from, setFrom] = useState(today);
  const first = isLocalDate(from) ? from : today;
  const days = useMemo(() => weekPreview(hours, timeZone, first), [hours, timeZone, first]);
  return (
    <section className="panel week-preview" aria-labelledby="week-preview-title" data-testid="week-preview">
      <h2 id="week-preview-title" className="hours-group__title">
        {t('weekPreview')}{edited ? t('asEditedBeforeSaving') : ''}
      </h2>
      <div className="toolbar">
        <div className="field">
          <label className="field__label" htmlFor="week-preview-from">
            {t('from')}
          </label>
          <input id="week-preview-from" type="date" className="input" value={from} onChange={(event) => setFrom(event.target.value)} data-testid="week-preview-from" />
        </div>
        <p className="toolbar__text">{t('sevenDaysIn')}{timeZone}{t('withWhatHolidaysSpecial')}</p>
      </div>
      <table className="week-preview__table">
        <caption className="visually-hidden">{t('openingHoursOfEach')}{first}{t('localTimesIn')}{timeZone}</caption>
        <thead>
          <tr>
            <th scope="col">{t('day')}</th>
            <th scope="col">{t('open')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <DayRow key={day.date} day={day} today={today} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
