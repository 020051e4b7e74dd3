/**
 * The reports view's pure parts: a schedule as the editor holds it, its cadence in words, and the
 * zones to choose from. No React, so it is tested as a table.
 */
import { REPORT_FORMATS, type ReportCadence, type ReportFormat, type ReportSchedule, type ReportScheduleInput } from '../../../src-shared/api/reports.js';
import type { RangePreset } from '../../../src-shared/api/insights.js';
import { formatDateTime, supportedTimeZones, systemTimeZone } from '../../format/locale.js';
import { useT } from '../../i18n/translate.js';

const t = useT('reports');

/** What the editor's fields hold; recipients as typed (one per line or comma-separated). */
export interface ScheduleDraft {
  readonly name: string;
  readonly dashboardId: string;
  readonly cadence: ReportCadence;
  readonly time: string;
  readonly weekday: number;
  readonly dayOfMonth: number;
  readonly timeZone: string;
  readonly range: RangePreset;
  readonly recipients: string;
  readonly formats: readonly ReportFormat[];
  readonly enabled: boolean;
}

/** Formats a report can attach: the core writes CSV and XLSX, and has the PDF drawn by the desktop app or a Chromium on the computer. */
export const ATTACHABLE_FORMATS: readonly ReportFormat[] = REPORT_FORMATS;

/** The zone this browser is in, the default of a new schedule. */
export function localTimeZone(): string {
  return systemTimeZone();
}

/** Every IANA zone the browser knows, the current one included even if it is not listed. */
export function timeZoneChoices(current: string): readonly string[] {
  const listed = supportedTimeZones();
  const known = listed.length > 0 ? listed : ['UTC'];
  return known.includes(current) ? known : [current, ...known];
}

export function newDraft(dashboardId: string): ScheduleDraft {
  return { name: '', dashboardId, cadence: 'daily', time: '07:00', weekday: 1, dayOfMonth: 1, timeZone: localTimeZone(), range: 'yesterday', recipients: '', formats: ['xlsx'], enabled: true };
}

export function draftOf(schedule: ReportSchedule): ScheduleDraft {
  return { ...schedule, recipients: schedule.recipients.join('\n'), formats: schedule.formats.filter((format) => ATTACHABLE_FORMATS.includes(format)) };
}

/** The addresses typed, split on commas, semicolons, spaces and new lines. */
export function recipientsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/u)
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
}

/** The command's input from a draft (the core validates it again). */
export function inputOf(draft: ScheduleDraft): ReportScheduleInput {
  return { ...draft, name: draft.name.trim(), recipients: recipientsOf(draft.recipients), formats: [...draft.formats] };
}

/** What to fix before saving, in words; empty when the draft can be sent. */
export function draftProblems(draft: ScheduleDraft): string[] {
  const problems: string[] = [];
  if (draft.name.trim() === '') problems.push(t('problemName'));
  if (draft.dashboardId === '') problems.push(t('problemDashboard'));
  if (!/^([01]\d|2[0-3]):[0-5]\d$/u.test(draft.time)) problems.push(t('problemTime'));
  const recipients = recipientsOf(draft.recipients);
  if (recipients.length === 0) problems.push(t('problemRecipients'));
  const bad = recipients.filter((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(address));
  if (bad.length > 0) problems.push(t('problemAddress', { addresses: bad.join(', ') }));
  if (draft.formats.length === 0) problems.push(t('problemFormats'));
  return problems;
}

export const WEEKDAY_KEYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** "Every weekday at 07:00 (Europe/Paris)". */
export function cadenceInWords(schedule: Pick<ReportSchedule, 'cadence' | 'time' | 'weekday' | 'dayOfMonth' | 'timeZone'>): string {
  const values = { time: schedule.time, zone: schedule.timeZone };
  switch (schedule.cadence) {
    case 'daily':
      return t('everyDayAt', values);
    case 'weekdays':
      return t('everyWeekdayAt', values);
    case 'weekly':
      return t('everyWeekOnAt', { ...values, day: t(WEEKDAY_KEYS[schedule.weekday] ?? 'monday') });
    case 'monthly':
      return t('everyMonthOnAt', { ...values, day: String(schedule.dayOfMonth) });
  }
}

export const RANGE_KEYS: Readonly<Record<RangePreset, 'rangeToday' | 'rangeYesterday' | 'rangeLast7Days' | 'rangeLast30Days' | 'rangeLast90Days' | 'rangeThisWeek' | 'rangeLastWeek' | 'rangeThisMonth' | 'rangeLastMonth'>> = {
  today: 'rangeToday',
  yesterday: 'rangeYesterday',
  last7Days: 'rangeLast7Days',
  last30Days: 'rangeLast30Days',
  last90Days: 'rangeLast90Days',
  thisWeek: 'rangeThisWeek',
  lastWeek: 'rangeLastWeek',
  thisMonth: 'rangeThisMonth',
  lastMonth: 'rangeLastMonth',
};

/** A moment in the console's locale, in the zone given. */
export function momentInWords(at: number, timeZone: string): string {
  return formatDateTime(at, timeZone);
}
