/**
 * A queue's business hours: edited and saved through the feed (queue.business_hours) by a role
 * that may, shown read-only to everyone else, with the week laid out ahead in the queue's zone.
 */
import { useMemo, useState } from 'react';
import type { QueueSettings } from '../../../src-shared/api/management.js';
import { validateBusinessHours } from '../../../src-shared/business-hours.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import { ActionFeedback } from '../../components/action-feedback.js';
import { useCan } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { CopyHours } from './copy-hours.js';
import { ClosedMessageEditor, HolidaysEditor, SpecialEditor, WeekEditor } from './hours-editor.js';
import { DAY_NAMES, DAY_ORDER, describeWindow, draftFromHours, localDateIn, parseHoursDraft, type DraftPath, type HoursDraft } from './hours-model.js';
import { WeekPreview } from './week-preview.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

function windowsText(windows: readonly { readonly openMinute: number; readonly closeMinute: number }[]): string {
  return windows.length === 0 ? t('closed') : windows.map((window) => describeWindow(window.openMinute, window.closeMinute)).join(', ');
}

/** The hours as text: what a role without `admin.business_hours` sees (no control at all). */
export function HoursSummary({ hours }: { readonly hours: BusinessHours }) {
  return (
    <div className="hours-summary" data-testid="hours-summary">
      <h2 className="hours-group__title">{t('week')}</h2>
      <dl className="hours-summary__week">
        {DAY_ORDER.map((day) => (
          <div key={day} className="hours-summary__row" data-testid="hours-summary-day" data-day={day}>
            <dt>{DAY_NAMES[day]}</dt>
            <dd>{windowsText(hours.windows.filter((window) => window.day === day).sort((left, right) => left.openMinute - right.openMinute))}</dd>
          </div>
        ))}
      </dl>
      <h2 className="hours-group__title">{t('holidays')}</h2>
      {hours.holidays.length === 0 ? (
        <p className="muted">{t('noHoliday')}</p>
      ) : (
        <ul className="hours-dates">
          {[...hours.holidays].sort().map((date) => (
            <li key={date} className="hours-date" data-testid="hours-holiday" data-date={date}>
              {date}
            </li>
          ))}
        </ul>
      )}
      <h2 className="hours-group__title">{t('specialDates')}</h2>
      {(hours.special ?? []).length === 0 ? (
        <p className="muted">{t('noSpecialDate')}</p>
      ) : (
        <dl className="hours-summary__week">
          {(hours.special ?? []).map((entry) => (
            <div key={entry.date} className="hours-summary__row" data-testid="hours-special-date" data-date={entry.date}>
              <dt>{entry.date}</dt>
              <dd>{windowsText(entry.windows)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h2 className="hours-group__title">{t('closedMessage')}</h2>
      <p className={hours.closedMessage === undefined ? 'muted' : undefined} data-testid="hours-closed-message-text">
        {hours.closedMessage ?? t('noneThePlatformS')}
      </p>
    </div>
  );
}

function HoursEditor({ queue, queues, onSaved }: { readonly queue: QueueSettings; readonly queues: readonly QueueSettings[]; readonly onSaved: () => void }) {
  const [draft, setDraft] = useState<HoursDraft>(() => draftFromHours(queue.businessHours));
  const parsed = useMemo(() => {
    const result = parseHoursDraft(draft);
    // The shared rules (the feed's and the core's) see what one field cannot, e.g. windows of two days that overlap.
    const problem = result.ok ? validateBusinessHours(result.hours) : null;
    return problem === null ? result : { ok: false as const, errors: new Map([['form' as const, problem]]) };
  }, [draft]);
  const command = useCommand();
  const today = localDateIn(queue.timeZone, Date.now());
  const errors: ReadonlyMap<DraftPath, string> = parsed.ok ? new Map() : parsed.errors;
  const save = async (): Promise<void> => {
    if (!parsed.ok) return;
    const result = await command.run<'queue.business_hours'>(
      { type: 'queue.business_hours', queueId: queue.queueId, businessHours: parsed.hours },
      { pending: t('savingTheBusinessHours', { name: queue.name }), describe: (receipt) => `${queue.name}: business hours saved (audit #${receipt.auditId}).${receipt.detail === null ? '' : ` ${receipt.detail}`}` },
    );
    if (result.ok) onSaved();
  };
  return (
    <>
      <form
        className="hours-form"
        aria-label={t('businessHoursOfName', { name: queue.name })}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        data-testid="hours-form"
      >
        <p className="muted">
          {t('timesAreInThe')}{queue.timeZone}{t('aClosingTimeAt')}
        </p>
        <WeekEditor draft={draft} errors={errors} onChange={setDraft} />
        <HolidaysEditor draft={draft} errors={errors} today={today} onChange={setDraft} />
        <SpecialEditor draft={draft} errors={errors} today={today} onChange={setDraft} />
        <ClosedMessageEditor draft={draft} errors={errors} onChange={setDraft} />
        {errors.get('form') === undefined ? null : (
          <p className="form-error" role="alert">
            {errors.get('form')}
          </p>
        )}
        <div className="toolbar">
          <button type="submit" className="button button--primary" disabled={command.pending || !parsed.ok} data-testid="hours-save">
            {command.pending ? t('saving') : t('saveBusinessHours')}
          </button>
          <button type="button" className="button" disabled={command.pending} onClick={() => setDraft(draftFromHours(queue.businessHours))} data-testid="hours-revert">
            {t('undoChanges')}
          </button>
          {parsed.ok ? null : <span className="field__error">{t('fixTheFieldsMarked')}</span>}
        </div>
        <ActionFeedback feedback={command.feedback} testId="hours-feedback" onDismiss={command.clear} />
      </form>
      <WeekPreview hours={parsed.ok ? parsed.hours : queue.businessHours} timeZone={queue.timeZone} edited={parsed.ok} />
      <CopyHours source={queue} queues={queues} hours={parsed.ok ? parsed.hours : null} onDone={onSaved} />
    </>
  );
}

/** What happens to new conversations while the queue is closed: its overflow rule, or the closed message. */
function WhileClosed({ queue, queues }: { readonly queue: QueueSettings; readonly queues: readonly QueueSettings[] }) {
  const rule = queue.overflowRules.find((candidate) => candidate.when === 'outside_business_hours');
  const target = rule === undefined ? null : (queues.find((candidate) => candidate.queueId === rule.targetQueueId)?.name ?? rule.targetQueueId);
  return (
    <p className="muted" data-testid="hours-while-closed">
      {target === null ? t('whileClosedNewConversations') : t('whileClosedNewConversations2', { target })}{t('customersAlreadyWaitingAt')}
    </p>
  );
}

/** The business hours of one queue: the editor, or the read-only summary. */
export function HoursSection({ queue, queues, onSaved }: { readonly queue: QueueSettings; readonly queues: readonly QueueSettings[]; readonly onSaved: () => void }) {
  const canEdit = useCan('admin.business_hours');
  if (!canEdit) {
    return (
      <div className="hours-section" data-testid="hours-section" data-editable="false">
        <p className="muted">{t('youCanSeeThese')}</p>
        <WhileClosed queue={queue} queues={queues} />
        <HoursSummary hours={queue.businessHours} />
        <WeekPreview hours={queue.businessHours} timeZone={queue.timeZone} edited={false} />
      </div>
    );
  }
  return (
    <div className="hours-section" data-testid="hours-section" data-editable="true">
      <WhileClosed queue={queue} queues={queues} />
      <HoursEditor queue={queue} queues={queues} onSaved={onSaved} />
    </div>
  );
}
