/**
 * The reports area (src-shared/api/reports.ts, docs/decisions/0034-scheduled-reports.md): schedules
 * and their send history for each owner, the SMTP settings (the password in the secret vault, as
 * the feed token is, never read back), "Send now", and the runner that sends reports from the core.
 * The API service checked the capability; who sees which schedule is decided here: the owner, and
 * an unscoped user who may set SMTP (the one who answers for the mail the console sends).
 */
import {
  reportScheduleInputSchema,
  smtpSettingsInputSchema,
  type ReportRun,
  type ReportSchedule,
  type ReportsCommandResults,
  type ReportsQueryResults,
  type SmtpSettings,
} from '../../../src-shared/api/reports.js';
import { fail, ok } from '../../../src-shared/result.js';
import type { ApiArea } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { AuditPort } from '../live-insights/audit-port.js';
import { REAL_TIMERS, type PacerTimers } from '../live-views/pacer.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Store } from '../store/store.js';
import { createReportRepository, type StoredSchedule } from './report-repository.js';
import { createReportRunner, type RenderReport, type ReportRunner } from './report-runner.js';
import { isKnownTimeZone } from './schedule-time.js';
import { createSmtpSender, type MailSender } from './smtp-transport.js';

/** The vault entry holding the SMTP password (an empty value: none). */
export const SMTP_PASSWORD_SECRET = 'smtp-password';

export interface ReportsArea extends ApiArea<keyof ReportsQueryResults, never, keyof ReportsCommandResults> {
  readonly runner: ReportRunner;
  /** Stops the runner; never waits on an SMTP server. */
  close(): void;
}

export interface ReportsApiDeps {
  readonly store: Store;
  readonly vault: SecretVault;
  readonly audit: AuditPort;
  readonly render: RenderReport;
  /** A dashboard's name as this access sees it, or null when it sees no such dashboard. */
  readonly dashboardName: (access: Access, dashboardId: string) => string | null;
  readonly timers?: Pick<PacerTimers, 'now' | 'setTimeout' | 'clearTimeout'>;
  /** Default: nodemailer over SMTP. */
  readonly sender?: MailSender;
}

/** The whole floor's schedules are seen by whoever may set the floor's SMTP server; others see their own. */
function seesAll(access: Access): boolean {
  return access.can('reports.smtp');
}

function visible(access: Access, schedule: StoredSchedule): boolean {
  return schedule.owner.userId === access.userId || seesAll(access);
}

/** The reports area; its runner starts at once and sends the runs missed while the console was closed. */
export function createReportsApi(deps: ReportsApiDeps): ReportsArea {
  const timers = deps.timers ?? REAL_TIMERS;
  const repository = deps.store.repository(createReportRepository);
  const password = (): string | null => {
    const stored = deps.vault.read(SMTP_PASSWORD_SECRET);
    return stored === null || stored === '' ? null : stored;
  };
  const dashboardName = (access: Access, dashboardId: string): string => deps.dashboardName(access, dashboardId) ?? dashboardId;
  const runner = createReportRunner({
    repository,
    timers,
    render: deps.render,
    sender: deps.sender ?? createSmtpSender(),
    password,
    dashboardName,
    audit: (schedule, run) =>
      deps.audit.record(schedule.owner, {
        action: 'reports.send',
        target: `report:${run.runId}`,
        queueIds: schedule.owner.queueScope ?? [],
        detail: {
          scheduleId: schedule.scheduleId,
          dashboardId: schedule.definition.dashboardId,
          range: schedule.definition.range,
          timeZone: schedule.definition.timeZone,
          scheduledFor: run.scheduledFor,
          missed: run.missed,
          recipients: run.recipients,
          files: run.attachments,
        },
      }),
  });
  void runner.start();
  // One send per "Send now" command id: a retried command answers with the first run.
  const sentNow = new Map<string, Promise<ReportRun>>();

  const toSchedule = (access: Access, schedule: StoredSchedule): ReportSchedule => {
    const definition = schedule.definition;
    return {
      scheduleId: schedule.scheduleId,
      ownerId: schedule.owner.userId,
      name: definition.name,
      dashboardId: definition.dashboardId,
      dashboardName: dashboardName(access, definition.dashboardId),
      cadence: definition.cadence,
      time: definition.time,
      weekday: definition.weekday,
      dayOfMonth: definition.dayOfMonth,
      timeZone: definition.timeZone,
      range: definition.range,
      recipients: definition.recipients,
      formats: definition.formats,
      enabled: definition.enabled,
      nextRunAt: runner.nextRunAt(schedule),
      lastRunAt: schedule.lastRunFor,
    };
  };
  const smtpSettings = (): SmtpSettings | null => {
    const stored = repository.smtp();
    return stored === null ? null : { ...stored, hasPassword: password() !== null };
  };
  const visibleSchedule = (access: Access, scheduleId: string): StoredSchedule | null => {
    const schedule = repository.schedule(scheduleId);
    return schedule !== null && visible(access, schedule) ? schedule : null;
  };

  return {
    runner,
    queries: {
      'reports.schedules': (access) => ok(repository.schedules().filter((schedule) => visible(access, schedule)).map((schedule) => toSchedule(access, schedule))),
      'reports.runs': (access, query) => {
        const limit = query.limit ?? 100;
        if (query.scheduleId !== undefined) {
          if (visibleSchedule(access, query.scheduleId) === null) return fail(`Unknown schedule ${query.scheduleId}.`);
          return ok(repository.runs({ scheduleId: query.scheduleId, limit }));
        }
        if (seesAll(access)) return ok(repository.runs({ limit }));
        const own = new Set(repository.schedules().filter((schedule) => visible(access, schedule)).map((schedule) => schedule.scheduleId));
        return ok(repository.runs({ scheduleIds: own, limit }));
      },
      'reports.smtp': () => ok(smtpSettings()),
    },
    topics: {},
    commands: {
      'reports.schedule.save': (access, command) => {
        const definition = reportScheduleInputSchema.parse(command.schedule);
        if (!isKnownTimeZone(definition.timeZone)) return fail(`Unknown time zone "${definition.timeZone}": use an IANA name such as Europe/Paris.`);
        if (deps.dashboardName(access, definition.dashboardId) === null) return fail(`Unknown dashboard ${definition.dashboardId}.`);
        if (command.scheduleId !== null && repository.schedule(command.scheduleId) !== null && visibleSchedule(access, command.scheduleId) === null) {
          return fail(`Unknown schedule ${command.scheduleId}.`);
        }
        // The saver becomes the owner: the schedule runs with their scope as it is now.
        const owner = { userId: access.userId, displayName: access.displayName, role: access.role, queueScope: access.queueScope };
        const saved = repository.saveSchedule(command.scheduleId, owner, definition, timers.now());
        deps.audit.record(access, {
          action: 'reports.schedule.save',
          target: `schedule:${saved.scheduleId}`,
          detail: { dashboardId: definition.dashboardId, cadence: definition.cadence, recipients: definition.recipients, formats: definition.formats, enabled: definition.enabled },
        });
        runner.rearm();
        return ok(toSchedule(access, saved));
      },
      'reports.schedule.delete': (access, command) => {
        if (visibleSchedule(access, command.scheduleId) === null) return fail(`Unknown schedule ${command.scheduleId}.`);
        repository.deleteSchedule(command.scheduleId);
        deps.audit.record(access, { action: 'reports.schedule.delete', target: `schedule:${command.scheduleId}` });
        runner.rearm();
        return ok(null);
      },
      'reports.schedule.runNow': async (access, command, commandId) => {
        if (visibleSchedule(access, command.scheduleId) === null) return fail(`Unknown schedule ${command.scheduleId}.`);
        let sending = sentNow.get(commandId);
        if (sending === undefined) {
          sending = runner.runNow(command.scheduleId);
          sentNow.set(commandId, sending);
          if (sentNow.size > 200) sentNow.delete(sentNow.keys().next().value as string);
        }
        return ok(await sending);
      },
      'reports.smtp.save': (access, command) => {
        const settings = smtpSettingsInputSchema.parse(command.settings);
        if (settings.password !== undefined) deps.vault.write(SMTP_PASSWORD_SECRET, settings.password);
        repository.saveSmtp({ host: settings.host, port: settings.port, security: settings.security, username: settings.username, from: settings.from }, access.userId, timers.now());
        deps.audit.record(access, {
          action: 'reports.smtp.save',
          target: 'smtp',
          detail: { host: settings.host, port: settings.port, security: settings.security, username: settings.username, from: settings.from, password: settings.password === undefined ? 'kept' : settings.password === '' ? 'removed' : 'replaced' },
        });
        return ok(smtpSettings() as SmtpSettings);
      },
    },
    close() {
      runner.close();
    },
  };
}
