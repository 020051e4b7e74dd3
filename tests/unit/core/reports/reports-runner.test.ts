/**
 * Scheduled reports through the API service, sent to a real SMTP server on 127.0.0.1: a due run
 * arrives at its time with its CSV and XLSX (parsed and checked), is in the send history and the
 * audit chain; a refused login is in the history in words; a run missed while the console was
 * closed is sent once after a restart (same SQLite file), marked and said late; a scoped owner's
 * report holds only their queues whoever presses "Send now"; only an unscoped user sets SMTP.
 */
import type { Result } from '../../../../src-shared/result.js';
import ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import type { ReportRun, ReportSchedule, ReportScheduleInput, SmtpSettings } from '../../../../src-shared/api/reports.js';
import { tempDir } from '../../../support/host-process.js';
import { ADMIN, ORDERS_LEADER, reportsHarness, startMailServer, type MailServer, type ReportsHarness } from './reports-test-kit.js';

/** Thursday 3 December 2026, 05:00 UTC (06:00 in Paris). */
const T0 = Date.UTC(2026, 11, 3, 5, 0, 0);
const HOUR = 3_600_000;

let dir: string;
let mail: MailServer;
let open: ReportsHarness[];
let commandSeq = 0;

function harness(now: number): ReportsHarness {
  const created = reportsHarness(dir, now);
  open.push(created);
  return created;
}

async function command<T>(h: ReportsHarness, session: Session, input: object): Promise<T> {
  const result = await h.api.command(session, input as never, `cmd-${++commandSeq}`);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

function query<T>(h: ReportsHarness, session: Session, input: object): T {
  // Reports' queries are answered on the calling thread (only history searches go to workers).
  const result = h.api.query(session, input as never) as Result<unknown>;
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

function schedule(overrides: Partial<ReportScheduleInput> = {}): ReportScheduleInput {
  return {
    name: 'Morning Program',
    dashboardId: 'builtin-program',
    cadence: 'daily',
    time: '07:00',
    timeZone: 'Europe/Paris',
    range: 'yesterday',
    recipients: ['floor@example.test', 'boss@example.test'],
    formats: ['csv', 'xlsx'],
    ...overrides,
  };
}

async function setSmtp(h: ReportsHarness, password: string): Promise<SmtpSettings> {
  return command<SmtpSettings>(h, ADMIN, {
    type: 'reports.smtp.save',
    settings: { host: '127.0.0.1', port: mail.port, security: 'none', username: 'reports', password, from: 'floorwatch@example.test' },
  });
}

/** Resolves with the next run the runner records. */
function nextRun(h: ReportsHarness): Promise<ReportRun> {
  return new Promise((resolve) => {
    const stop = h.area.runner.onRun((run) => {
      stop();
      resolve(run);
    });
  });
}

beforeEach(async () => {
  dir = tempDir('reports');
  mail = await startMailServer();
  open = [];
});

afterEach(async () => {
  for (const h of open) await h.close();
  await mail.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduled reports', () => {
  it('sends a due report at its local time with its files, and keeps it in the history and the audit chain', async () => {
    const h = harness(T0);
    const smtp = await setSmtp(h, 'right');
    expect(smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true, username: 'reports' });
    expect(JSON.stringify(query(h, ADMIN, { type: 'reports.smtp' }))).not.toContain('right');
    const saved = await command<ReportSchedule>(h, ADMIN, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule() });
    // 07:00 in Paris on 3 December is 06:00 UTC.
    expect(saved.nextRunAt).toBe(Date.UTC(2026, 11, 3, 6, 0, 0));
    expect(saved.dashboardName).toBe('Program');

    const arrived = nextRun(h);
    h.timers.advance(HOUR - 1);
    expect(mail.received).toHaveLength(0);
    h.timers.advance(1);
    const run = await arrived;
    expect(run).toMatchObject({ state: 'sent', missed: false, scheduledFor: saved.nextRunAt, error: null });

    const { mail: received, envelopeTo } = await mail.mailAt(0);
    expect(envelopeTo).toEqual(['floor@example.test', 'boss@example.test']);
    expect(received.subject).toBe('Morning Program: Program, yesterday');
    expect(received.text).toContain('Range: yesterday, as of Thursday, 3 December 2026 at 07:00');
    expect(received.text).toContain('Time zone: Europe/Paris');
    expect(received.text).toContain('- Offered: 200');
    expect(received.text).toContain('- Service level: 87.5%');
    expect(received.text).not.toContain('late');
    expect(received.html).toContain('<li>Offered: 200</li>');
    // The range is yesterday as of the run, in the schedule's zone.
    expect(h.queried.map((entry) => entry.query.range)).toEqual([
      { from: '2026-12-02', to: '2026-12-02' },
      { from: '2026-12-02', to: '2026-12-02' },
      { from: '2026-12-02', to: '2026-12-02' },
    ]);
    expect(h.queried.every((entry) => entry.query.timeZone === 'Europe/Paris')).toBe(true);

    const names = received.attachments.map((attachment) => attachment.filename);
    expect(names).toEqual(['Program 2026-12-02.csv', 'Program 2026-12-02.xlsx']);
    const csv = received.attachments[0]?.content.toString('utf8') ?? '';
    expect(csv).toContain('Orders,120,6');
    expect(csv).toContain('Total,200,10');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(received.attachments[1]?.content as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Offered', 'Service level', 'Offered by queue']);
    const table = book.getWorksheet('Offered by queue');
    const rows = (table?.getSheetValues() ?? []).filter(Array.isArray).map((row) => (row as unknown[]).slice(1));
    expect(rows).toContainEqual(['Orders', 120, 6]);
    expect(rows).toContainEqual(['Total', 200, 10]);
    expect(rows).toContainEqual(['Time zone', 'Europe/Paris']);

    const history = query<ReportRun[]>(h, ADMIN, { type: 'reports.runs' });
    expect(history).toEqual([run]);
    expect(run.attachments).toEqual(names);
    const audited = h.audit().find((record) => record.action === 'reports.send');
    expect(audited?.target).toBe(`report:${run.runId}`);
    // The next run is tomorrow's.
    expect(query<ReportSchedule[]>(h, ADMIN, { type: 'reports.schedules' })[0]?.nextRunAt).toBe(Date.UTC(2026, 11, 4, 6, 0, 0));
  });

  it('shows a refused SMTP login in the send history, in words', async () => {
    const h = harness(T0);
    await setSmtp(h, 'wrong');
    const saved = await command<ReportSchedule>(h, ADMIN, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule() });
    const run = await command<ReportRun>(h, ADMIN, { type: 'reports.schedule.runNow', scheduleId: saved.scheduleId });
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/^The SMTP server 127\.0\.0\.1:\d+ refused the login of "reports"\. The server said: 535/u);
    expect(mail.received).toHaveLength(0);
    expect(query<ReportRun[]>(h, ADMIN, { type: 'reports.runs', scheduleId: saved.scheduleId })).toEqual([run]);
    // "Send now" does not move the schedule.
    expect(query<ReportSchedule[]>(h, ADMIN, { type: 'reports.schedules' })[0]?.lastRunAt).toBeNull();
  });

  it('sends the one latest run missed while closed, once, after a restart', async () => {
    const first = harness(T0);
    await setSmtp(first, 'right');
    await command(first, ADMIN, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule() });
    await first.close();
    open = [];

    // Closed over three runs (3, 4 and 5 December at 07:00 Paris); reopened on the 5th at 09:00 Paris.
    const reopenedAt = Date.UTC(2026, 11, 5, 8, 0, 0);
    const second = harness(reopenedAt);
    await second.area.runner.start();
    expect(mail.received).toHaveLength(1);
    const runs = query<ReportRun[]>(second, ADMIN, { type: 'reports.runs' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ state: 'sent', missed: true, scheduledFor: Date.UTC(2026, 11, 5, 6, 0, 0), attemptedAt: reopenedAt });
    const late = (await mail.mailAt(0)).mail;
    expect(late.subject).toContain('(late: the console was closed when it was due)');
    expect(late.text).toContain('This report is late: it was due on Saturday, 5 December 2026 at 07:00 (Europe/Paris)');
    // Yesterday as of the run it was due for.
    expect(late.attachments.map((attachment) => attachment.filename)).toEqual(['Program 2026-12-04.csv', 'Program 2026-12-04.xlsx']);
    await second.close();
    open = [];

    // Another restart the same morning sends nothing again.
    const third = harness(reopenedAt + HOUR);
    await third.area.runner.start();
    await third.area.runner.idle();
    expect(mail.received).toHaveLength(1);
    expect(query<ReportRun[]>(third, ADMIN, { type: 'reports.runs' })).toHaveLength(1);
  });

  it("runs a scoped owner's report with the owner's queues, whoever sends it", async () => {
    const h = harness(T0);
    await setSmtp(h, 'right');
    const saved = await command<ReportSchedule>(h, ORDERS_LEADER, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule({ formats: ['csv'] }) });
    expect(saved.ownerId).toBe(ORDERS_LEADER.userId);
    const run = await command<ReportRun>(h, ADMIN, { type: 'reports.schedule.runNow', scheduleId: saved.scheduleId });
    expect(run.state).toBe('sent');
    expect(h.queried.every((entry) => entry.access.userId === ORDERS_LEADER.userId && entry.access.sees('q-orders') && !entry.access.sees('q-billing'))).toBe(true);
    const csv = (await mail.mailAt(0)).mail.attachments[0]?.content.toString('utf8') ?? '';
    expect(csv).toContain('Orders,120,6');
    expect(csv).not.toContain('Billing');
    // The owner sees their schedule and its history; another scoped user would not.
    expect(query<ReportSchedule[]>(h, ORDERS_LEADER, { type: 'reports.schedules' })).toHaveLength(1);
    const other: Session = { ...ORDERS_LEADER, userId: 'kim', displayName: 'Kim' };
    expect(query<ReportSchedule[]>(h, other, { type: 'reports.schedules' })).toEqual([]);
    expect(query<ReportRun[]>(h, other, { type: 'reports.runs' })).toEqual([]);
  });

  it('lets only an unscoped user set SMTP, keeps the password write-only, and removes it on an empty one', async () => {
    const h = harness(T0);
    const refused = await h.api.command(ORDERS_LEADER, { type: 'reports.smtp.save', settings: { host: 'smtp.example.test', port: 587, security: 'starttls', from: 'a@example.test' } } as never, 'c-scoped');
    expect(refused.ok).toBe(false);
    await setSmtp(h, 'right');
    const kept = await command<SmtpSettings>(h, ADMIN, { type: 'reports.smtp.save', settings: { host: '127.0.0.1', port: mail.port, security: 'none', username: 'reports', from: 'floorwatch@example.test' } });
    expect(kept.hasPassword).toBe(true);
    const removed = await command<SmtpSettings>(h, ADMIN, { type: 'reports.smtp.save', settings: { host: '127.0.0.1', port: mail.port, security: 'none', username: 'reports', password: '', from: 'floorwatch@example.test' } });
    expect(removed.hasPassword).toBe(false);
    expect(h.audit().filter((record) => record.action === 'reports.smtp.save')).toHaveLength(3);
  });

  it('refuses a schedule in an unknown zone or of an unknown dashboard', async () => {
    const h = harness(T0);
    await expect(command(h, ADMIN, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule({ timeZone: 'Mars/Olympus' }) })).rejects.toThrow(/Unknown time zone "Mars\/Olympus"/u);
    await expect(command(h, ADMIN, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule({ dashboardId: 'nope' }) })).rejects.toThrow(/Unknown dashboard nope/u);
  });

  it('closes without waiting on an SMTP server that never answers', async () => {
    // A server that takes the connection and says nothing: the send waits on its greeting.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const connected = new Promise<void>((resolve) => silent.once('connection', () => resolve()));
    try {
      const h = harness(T0);
      await command(h, ADMIN, { type: 'reports.smtp.save', settings: { host: '127.0.0.1', port, security: 'none', from: 'floorwatch@example.test' } });
      const saved = await command<ReportSchedule>(h, ADMIN, { type: 'reports.schedule.save', scheduleId: null, schedule: schedule() });
      const sending = command(h, ADMIN, { type: 'reports.schedule.runNow', scheduleId: saved.scheduleId });
      await connected;
      const closing = h.close();
      open = [];
      await expect(sending).rejects.toThrow('The console closed before the report was sent.');
      await closing;
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
