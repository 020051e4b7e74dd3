/**
 * The reports area's SQL, in one place (docs/decisions/0012-schema-ownership.md): schedules with
 * the owner and scope they run with, the send history, and the SMTP settings (without the
 * password, which the secret vault keeps).
 */
import { randomBytes } from 'node:crypto';
import { reportScheduleInputSchema, type ReportRun, type SmtpSettings } from '../../../src-shared/api/reports.js';
import type { z } from 'zod';
import type { Role } from '../../../src-shared/permissions.js';
import type { Session } from '../api/session.js';
import type { StoreConnection } from '../store/connection.js';

/** A schedule's definition as validated (defaults filled in). */
export type ScheduleDefinition = z.output<typeof reportScheduleInputSchema>;

/** A stored schedule: its definition and who it runs as. */
export interface StoredSchedule {
  readonly scheduleId: string;
  /** The owner as they were when the schedule was saved: their role and queue scope bound what it sends. */
  readonly owner: Session;
  readonly definition: ScheduleDefinition;
  readonly savedAt: number;
  /** The run time of the last scheduled attempt, or null before any. */
  readonly lastRunFor: number | null;
}

/** What the SMTP settings row holds. */
export type StoredSmtp = Omit<SmtpSettings, 'hasPassword'>;

export interface ReportRepository {
  schedules(): readonly StoredSchedule[];
  schedule(scheduleId: string): StoredSchedule | null;
  /** Inserts or replaces a schedule (a replaced one keeps its last run). */
  saveSchedule(scheduleId: string | null, owner: Session, definition: ScheduleDefinition, at: number): StoredSchedule;
  deleteSchedule(scheduleId: string): boolean;
  /** Records an attempt; `advances` moves the schedule's last run to its `scheduledFor` (not a "Send now"). */
  recordRun(run: Omit<ReportRun, 'runId'>, advances: boolean): ReportRun;
  /** Newest first. */
  runs(options: { readonly scheduleId?: string; readonly scheduleIds?: ReadonlySet<string>; readonly limit: number }): readonly ReportRun[];
  smtp(): StoredSmtp | null;
  saveSmtp(settings: StoredSmtp, by: string, at: number): void;
}

interface ScheduleRow {
  schedule_id: string;
  owner_id: string;
  owner_name: string;
  owner_role: string;
  queue_scope: string;
  definition: string;
  saved_at: number;
  last_run_for: number | null;
}

interface RunRow {
  run_id: string;
  schedule_id: string;
  schedule_name: string;
  scheduled_for: number;
  attempted_at: number;
  missed: number;
  state: 'sent' | 'failed';
  recipients: string;
  attachments: string;
  error: string | null;
}

interface SmtpRow {
  host: string;
  port: number;
  security: StoredSmtp['security'];
  username: string;
  sender: string;
}

/** A stored scope; anything unreadable is no queue at all, never every queue. */
function parseQueueScope(text: string): readonly string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null) return null;
    if (Array.isArray(parsed)) return parsed.filter((queueId): queueId is string => typeof queueId === 'string');
  } catch {
    // Fall through: fail closed.
  }
  return [];
}

function strings(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

function toSchedule(row: ScheduleRow): StoredSchedule {
  return {
    scheduleId: row.schedule_id,
    owner: { userId: row.owner_id, displayName: row.owner_name, role: row.owner_role as Role, queueScope: parseQueueScope(row.queue_scope) },
    definition: reportScheduleInputSchema.parse(JSON.parse(row.definition)),
    savedAt: row.saved_at,
    lastRunFor: row.last_run_for,
  };
}

function toRun(row: RunRow): ReportRun {
  return {
    runId: row.run_id,
    scheduleId: row.schedule_id,
    scheduleName: row.schedule_name,
    scheduledFor: row.scheduled_for,
    attemptedAt: row.attempted_at,
    missed: row.missed === 1,
    state: row.state,
    recipients: strings(row.recipients),
    attachments: strings(row.attachments),
    error: row.error,
  };
}

/** Builds the repository on the store's connection (through Store.repository). */
export function createReportRepository(db: StoreConnection): ReportRepository {
  const statements = {
    all: db.prepare<[], ScheduleRow>('SELECT * FROM report_schedules ORDER BY saved_at, schedule_id'),
    get: db.prepare<[string], ScheduleRow>('SELECT * FROM report_schedules WHERE schedule_id = ?'),
    upsert: db.prepare<[string, string, string, string, string, string, number]>(
      `INSERT INTO report_schedules (schedule_id, owner_id, owner_name, owner_role, queue_scope, definition, saved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (schedule_id) DO UPDATE SET owner_id = excluded.owner_id, owner_name = excluded.owner_name,
         owner_role = excluded.owner_role, queue_scope = excluded.queue_scope, definition = excluded.definition, saved_at = excluded.saved_at`,
    ),
    delete: db.prepare<[string]>('DELETE FROM report_schedules WHERE schedule_id = ?'),
    advance: db.prepare<[number, string]>('UPDATE report_schedules SET last_run_for = max(coalesce(last_run_for, 0), ?) WHERE schedule_id = ?'),
    insertRun: db.prepare<[string, string, string, number, number, number, string, string, string, string | null]>(
      `INSERT INTO report_runs (run_id, schedule_id, schedule_name, scheduled_for, attempted_at, missed, state, recipients, attachments, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    runs: db.prepare<[number], RunRow>('SELECT * FROM report_runs ORDER BY attempted_at DESC, rowid DESC LIMIT ?'),
    runsOf: db.prepare<[string, number], RunRow>('SELECT * FROM report_runs WHERE schedule_id = ? ORDER BY attempted_at DESC, rowid DESC LIMIT ?'),
    smtp: db.prepare<[], SmtpRow>('SELECT host, port, security, username, sender FROM report_smtp WHERE settings_id = 1'),
    saveSmtp: db.prepare<[string, number, string, string, string, number, string]>(
      `INSERT INTO report_smtp (settings_id, host, port, security, username, sender, updated_at, updated_by) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (settings_id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security,
         username = excluded.username, sender = excluded.sender, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
  };
  const schedule = (scheduleId: string): StoredSchedule | null => {
    const row = statements.get.get(scheduleId);
    return row ? toSchedule(row) : null;
  };
  const recordRun = db.transaction((run: Omit<ReportRun, 'runId'>, advances: boolean): ReportRun => {
    const runId = `run-${randomBytes(8).toString('hex')}`;
    statements.insertRun.run(
      runId,
      run.scheduleId,
      run.scheduleName,
      run.scheduledFor,
      run.attemptedAt,
      run.missed ? 1 : 0,
      run.state,
      JSON.stringify(run.recipients),
      JSON.stringify(run.attachments),
      run.error,
    );
    if (advances) statements.advance.run(run.scheduledFor, run.scheduleId);
    return { runId, ...run };
  });

  return {
    schedules: () => statements.all.all().map(toSchedule),
    schedule,
    saveSchedule(scheduleId, owner, definition, at) {
      const id = scheduleId ?? `rep-${randomBytes(6).toString('hex')}`;
      statements.upsert.run(id, owner.userId, owner.displayName, owner.role, JSON.stringify(owner.queueScope), JSON.stringify(definition), at);
      return schedule(id) as StoredSchedule;
    },
    deleteSchedule: (scheduleId) => statements.delete.run(scheduleId).changes > 0,
    recordRun: (run, advances) => recordRun(run, advances),
    runs(options) {
      if (options.scheduleId !== undefined) return statements.runsOf.all(options.scheduleId, options.limit).map(toRun);
      const rows = statements.runs.all(options.scheduleIds === undefined ? options.limit : 5000).map(toRun);
      const visible = options.scheduleIds === undefined ? rows : rows.filter((run) => options.scheduleIds?.has(run.scheduleId));
      return visible.slice(0, options.limit);
    },
    smtp() {
      const row = statements.smtp.get();
      return row ? { host: row.host, port: row.port, security: row.security, username: row.username, from: row.sender } : null;
    },
    saveSmtp(settings, by, at) {
      statements.saveSmtp.run(settings.host, settings.port, settings.security, settings.username, settings.from, at, by);
    },
  };
}
