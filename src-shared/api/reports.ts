/**
 * API contract of scheduled e-mail reports (docs/product.md §4): a dashboard sent on a schedule
 * through SMTP with its figures attached, from the core while the console runs; runs missed while
 * it was closed are sent once on the next start. A schedule runs with its owner's queue scope, as
 * a wallboard device runs with its creator's. Composed into the one contract in contract.ts.
 */
import { z } from 'zod';
import type { Capability } from '../permissions.js';
import { RANGE_PRESETS, type RangePreset } from './insights.js';

const id = z.string().min(1).max(128);

export const REPORT_CADENCES = ['daily', 'weekdays', 'weekly', 'monthly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const email = z.string().trim().max(254).email('an e-mail address');

export const reportScheduleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    dashboardId: id,
    cadence: z.enum(REPORT_CADENCES),
    /** Local time of day in `timeZone`, HH:MM. */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM'),
    /** Weekly: 0 = Sunday … 6 = Saturday. */
    weekday: z.number().int().min(0).max(6).default(1),
    /** Monthly: day 1–28, so every month has it. */
    dayOfMonth: z.number().int().min(1).max(28).default(1),
    timeZone: z.string().min(1).max(64),
    /** The range each report covers, as of the time it runs (e.g. yesterday for a daily report). */
    range: z.enum(RANGE_PRESETS),
    recipients: z.array(email).min(1).max(50),
    formats: z.array(z.enum(REPORT_FORMATS)).min(1).max(3),
    enabled: z.boolean().default(true),
  })
  .strict();
export type ReportScheduleInput = z.input<typeof reportScheduleInputSchema>;

export interface ReportSchedule {
  readonly scheduleId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly dashboardId: string;
  readonly dashboardName: string;
  readonly cadence: ReportCadence;
  readonly time: string;
  readonly weekday: number;
  readonly dayOfMonth: number;
  readonly timeZone: string;
  readonly range: RangePreset;
  readonly recipients: readonly string[];
  readonly formats: readonly ReportFormat[];
  readonly enabled: boolean;
  /** The next run (epoch ms), or null when disabled. */
  readonly nextRunAt: number | null;
  readonly lastRunAt: number | null;
}

/** One attempt to send a report. */
export interface ReportRun {
  readonly runId: string;
  readonly scheduleId: string;
  readonly scheduleName: string;
  /** The run time the schedule called for. */
  readonly scheduledFor: number;
  readonly attemptedAt: number;
  /** Sent late because the console was closed at `scheduledFor` (the mail says so). */
  readonly missed: boolean;
  readonly state: 'sent' | 'failed';
  readonly recipients: readonly string[];
  readonly attachments: readonly string[];
  /**
   * In words: for a failed run, the SMTP server's or the report's error; for a sent one, what it
   * lacks and why (a PDF asked for that could not be drawn); null when nothing went wrong.
   */
  readonly error: string | null;
}

export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;

export const smtpSettingsInputSchema = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65_535),
    security: z.enum(SMTP_SECURITY),
    username: z.string().max(256).default(''),
    /** Omitted: keep the stored password; empty: remove it. Never read back. */
    password: z.string().max(1024).optional(),
    from: email,
  })
  .strict();
export type SmtpSettingsInput = z.input<typeof smtpSettingsInputSchema>;

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly security: (typeof SMTP_SECURITY)[number];
  readonly username: string;
  readonly hasPassword: boolean;
  readonly from: string;
}

export const reportsQuerySchemas = [
  z.object({ type: z.literal('reports.schedules') }),
  z.object({ type: z.literal('reports.runs'), scheduleId: id.optional(), limit: z.number().int().min(1).max(500).default(100) }),
  z.object({ type: z.literal('reports.smtp') }),
] as const;

export interface ReportsQueryResults {
  'reports.schedules': readonly ReportSchedule[];
  'reports.runs': readonly ReportRun[];
  /** Null until someone configures SMTP. */
  'reports.smtp': SmtpSettings | null;
}

export const REPORTS_QUERY_CAPABILITY = {
  'reports.schedules': 'reports.schedule',
  'reports.runs': 'reports.schedule',
  'reports.smtp': 'reports.schedule',
} as const satisfies Record<keyof ReportsQueryResults, Capability>;

export const reportsCommandSchemas = [
  z.object({ type: z.literal('reports.schedule.save'), scheduleId: id.nullable(), schedule: reportScheduleInputSchema }),
  z.object({ type: z.literal('reports.schedule.delete'), scheduleId: id }),
  /** Send a schedule's report now (outside its cadence), e.g. to check the settings. */
  z.object({ type: z.literal('reports.schedule.runNow'), scheduleId: id }),
  z.object({ type: z.literal('reports.smtp.save'), settings: smtpSettingsInputSchema }),
] as const;

export interface ReportsCommandResults {
  'reports.schedule.save': ReportSchedule;
  'reports.schedule.delete': null;
  'reports.schedule.runNow': ReportRun;
  'reports.smtp.save': SmtpSettings;
}

export const REPORTS_COMMAND_CAPABILITY = {
  'reports.schedule.save': 'reports.schedule',
  'reports.schedule.delete': 'reports.schedule',
  'reports.schedule.runNow': 'reports.schedule',
  'reports.smtp.save': 'reports.smtp',
} as const satisfies Record<keyof ReportsCommandResults, Capability>;
