/**
 * The runner: sends each schedule's report when it falls due while the console runs, and, when it
 * starts, the one latest run each schedule missed while it was closed (marked missed; the mail says
 * so). Driven by an injected clock and timers, so tests move time by hand. Each schedule runs with
 * its owner's access as saved, never the signed-in user's (docs/decisions/0034-scheduled-reports.md).
 */
import type { ReportRun } from '../../../src-shared/api/reports.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { accessFor, type Access } from '../api/session.js';
import type { PacerTimers } from '../live-views/pacer.js';
import type { ReportRepository, StoredSchedule } from './report-repository.js';
import { composeReportMail } from './report-mail.js';
import { latestRunBetween, nextRunAfter } from './schedule-time.js';
import { describeSmtpError, type MailAttachment, type MailSender } from './smtp-transport.js';

/** One run to render: the schedule, the access it runs with, the run time it is for. */
export interface ReportRunRequest {
  readonly schedule: StoredSchedule;
  readonly access: Access;
  /** The run time: the range is resolved as of this moment, in the schedule's zone. */
  readonly scheduledFor: number;
  readonly missed: boolean;
}

export interface RenderedReport {
  readonly attachments: readonly MailAttachment[];
  /** Each KPI's figure in words, for the mail's body. */
  readonly summaryLines: readonly string[];
  /** What the report lacks and why (a PDF that could not be drawn): said in the mail and kept in the send history. */
  readonly notes: readonly string[];
}

/** Builds a run's files and figures (the insights engine and the exports, in the core). */
export type RenderReport = (run: ReportRunRequest) => Promise<RenderedReport>;

export interface ReportRunnerDeps {
  readonly repository: ReportRepository;
  readonly timers: Pick<PacerTimers, 'now' | 'setTimeout' | 'clearTimeout'>;
  readonly render: RenderReport;
  readonly sender: MailSender;
  /** The SMTP password from the secret vault, or null. */
  readonly password: () => string | null;
  /** The dashboard's name as its owner sees it (the id when it is gone). */
  readonly dashboardName: (access: Access, dashboardId: string) => string;
  /** Records a sent report in the audit chain, as an export of customer data. */
  readonly audit: (schedule: StoredSchedule, run: ReportRun) => void;
}

export interface ReportRunner {
  /** Sends the runs missed while the console was closed, then keeps the schedules; resolves when those sends are done. */
  start(): Promise<void>;
  /** Recomputes the next wake-up (a schedule was saved or deleted). */
  rearm(): void;
  /** Sends a schedule's report now, outside its cadence; its schedule is not moved. */
  runNow(scheduleId: string): Promise<ReportRun>;
  /** The next run of a schedule after now, or null when it is disabled. */
  nextRunAt(schedule: StoredSchedule): number | null;
  /** Called with each run recorded. */
  onRun(listener: (run: ReportRun) => void): () => void;
  /** Resolves when no send is in flight. */
  idle(): Promise<void>;
  /** Stops the timer and ends open SMTP connections; never waits on a server. */
  close(): void;
}

/** The longest the runner sleeps: a clock that jumps (a laptop waking) is noticed within this. */
const MAX_SLEEP_MS = 15 * 60_000;
/** A run sent later than this after its time, even while the console ran (it slept), is marked missed. */
const LATE_AFTER_MS = 5 * 60_000;

class RunFailure extends Error {}

/** Runs before this are not the schedule's to send: before it was saved, or already attempted. */
function baseline(schedule: StoredSchedule): number {
  return Math.max(schedule.savedAt, schedule.lastRunFor ?? Number.NEGATIVE_INFINITY);
}

/** The runner over its dependencies; nothing happens until start(). */
export function createReportRunner(deps: ReportRunnerDeps): ReportRunner {
  const { repository, timers } = deps;
  const inFlight = new Map<string, Promise<ReportRun | null>>();
  const pending = new Set<Promise<unknown>>();
  const listeners = new Set<(run: ReportRun) => void>();
  let timer: unknown = null;
  let started: Promise<void> | null = null;
  let closed = false;
  // Settles every wait of a send when the runner closes: a stuck server holds nobody.
  let signalClosed: () => void = () => undefined;
  const whenClosed = new Promise<never>((_resolve, reject) => {
    signalClosed = () => reject(new Error('closed'));
  });
  whenClosed.catch(() => undefined);

  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };

  async function send(schedule: StoredSchedule, scheduledFor: number, missed: boolean, advances: boolean): Promise<ReportRun | null> {
    const definition = schedule.definition;
    const access = accessFor(schedule.owner);
    let attachments: string[] = [];
    let error: string | null = null;
    let notes: readonly string[] = [];
    try {
      const smtp = repository.smtp();
      if (smtp === null) throw new RunFailure('SMTP is not set up: an administrator enters the mail server in Reports → SMTP settings.');
      let rendered: RenderedReport;
      try {
        rendered = await Promise.race([deps.render({ schedule, access, scheduledFor, missed }), whenClosed]);
      } catch (renderError) {
        throw new RunFailure(`Could not build the report: ${errorMessage(renderError)}`);
      }
      attachments = rendered.attachments.map((attachment) => attachment.filename);
      notes = rendered.notes;
      const mail = composeReportMail({
        scheduleName: definition.name,
        dashboardName: deps.dashboardName(access, definition.dashboardId),
        range: definition.range,
        timeZone: definition.timeZone,
        recipients: definition.recipients,
        scheduledFor,
        missed,
        sentAt: timers.now(),
        summaryLines: rendered.summaryLines,
        attachments: rendered.attachments,
        notes: rendered.notes,
      });
      try {
        await Promise.race([deps.sender.send(smtp, deps.password(), mail), whenClosed]);
      } catch (sendError) {
        throw new RunFailure(closed ? 'The console closed before the SMTP server took the mail.' : describeSmtpError(sendError, smtp));
      }
    } catch (failure) {
      error = failure instanceof RunFailure ? failure.message : `The report failed: ${errorMessage(failure)}`;
    }
    // A console closing mid-send keeps no record: its next start sends that run as missed.
    if (closed) return null;
    const run = repository.recordRun(
      {
        scheduleId: schedule.scheduleId,
        scheduleName: definition.name,
        scheduledFor,
        attemptedAt: timers.now(),
        missed,
        state: error === null ? 'sent' : 'failed',
        recipients: definition.recipients,
        attachments,
        // A sent report that lacks a file asked for keeps why in its history, as a failure keeps its error.
        error: error ?? (notes.length > 0 ? notes.join(' ') : null),
      },
      advances,
    );
    if (run.state === 'sent') {
      try {
        deps.audit(schedule, run);
      } catch (auditError) {
        console.error(`[reports] ${errorMessage(auditError)}`);
      }
    }
    for (const listener of listeners) listener(run);
    return run;
  }

  /** Starts a schedule's due run unless one of its sends is in flight. */
  function launch(schedule: StoredSchedule, scheduledFor: number, missed: boolean): void {
    if (inFlight.has(schedule.scheduleId)) return;
    const sending = track(send(schedule, scheduledFor, missed, true));
    inFlight.set(schedule.scheduleId, sending);
    void sending.finally(() => {
      inFlight.delete(schedule.scheduleId);
      if (!closed) arm();
    });
  }

  function tick(phase: 'start' | 'due'): void {
    timer = null;
    if (closed) return;
    const now = timers.now();
    for (const schedule of repository.schedules()) {
      if (!schedule.definition.enabled || inFlight.has(schedule.scheduleId)) continue;
      try {
        const due = latestRunBetween(schedule.definition, baseline(schedule), now);
        if (due !== null) launch(schedule, due, phase === 'start' || now - due > LATE_AFTER_MS);
      } catch (error) {
        console.error(`[reports] schedule ${schedule.scheduleId}: ${errorMessage(error)}`);
      }
    }
    arm();
  }

  function nextRunAt(schedule: StoredSchedule): number | null {
    if (!schedule.definition.enabled) return null;
    try {
      return nextRunAfter(schedule.definition, Math.max(baseline(schedule), timers.now()));
    } catch {
      return null;
    }
  }

  function arm(): void {
    if (started === null || closed) return;
    if (timer !== null) timers.clearTimeout(timer);
    const now = timers.now();
    let wake = now + MAX_SLEEP_MS;
    for (const schedule of repository.schedules()) {
      const next = nextRunAt(schedule);
      if (next !== null && next < wake) wake = next;
    }
    timer = timers.setTimeout(() => tick('due'), Math.max(0, wake - now));
  }

  return {
    start() {
      if (started === null) {
        started = Promise.resolve().then(async () => {
          tick('start');
          await Promise.all([...inFlight.values()]);
        });
      }
      return started;
    },
    rearm: arm,
    async runNow(scheduleId) {
      const schedule = repository.schedule(scheduleId);
      if (schedule === null) throw new Error(`Unknown schedule ${scheduleId}.`);
      const run = await track(send(schedule, timers.now(), false, false));
      if (run === null) throw new Error('The console closed before the report was sent.');
      return run;
    },
    nextRunAt,
    onRun(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close() {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      deps.sender.abort();
      signalClosed();
      listeners.clear();
    },
  };
}
