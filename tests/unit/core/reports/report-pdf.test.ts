/**
 * A report's PDF on real parts: the reports area sends to a real SMTP server on 127.0.0.1, the PDF
 * drawn by the host's renderer with the real headless Chromium (Debian's, as the e2e tests use),
 * read back with pdfjs-dist: its text holds the dashboard's figures as the insights reader gave
 * them. With no browser to draw it (FLOORWATCH_PDF_BROWSER naming a path that does not exist), the
 * mail still goes with its CSV, says why the PDF is missing, and the send history keeps the reason.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../../src-main/host/chromium-pdf.js';
import type { PdfRenderer } from '../../../../src-main/core/reports/pdf-renderer.js';
import type { ReportRun, ReportSchedule } from '../../../../src-shared/api/reports.js';
import { tempDir } from '../../../support/host-process.js';
import { pdfText } from '../../../support/pdf-text.js';
import { ADMIN, reportsHarness, startMailServer, type MailServer, type ReportsHarness } from './reports-test-kit.js';

/** Thursday 3 December 2026, 05:00 UTC. */
const T0 = Date.UTC(2026, 11, 3, 5, 0, 0);
const CHROMIUM = process.env.FLOORWATCH_CHROMIUM ?? '/usr/bin/chromium';

let dir: string;
let mail: MailServer;
let open: ReportsHarness | null;
let commandSeq = 0;

beforeEach(async () => {
  dir = tempDir('report-pdf');
  mail = await startMailServer();
  open = null;
});

afterEach(async () => {
  await open?.close();
  await mail.close();
  rmSync(dir, { recursive: true, force: true });
});

async function command<T>(h: ReportsHarness, input: object): Promise<T> {
  const result = await h.api.command(ADMIN, input as never, `pdf-cmd-${++commandSeq}`);
  if (!result.ok) throw new Error(result.error);
  return result.value as T;
}

/** Sets the mail server and a Program schedule attaching `formats`, and sends it now. */
async function sendNow(pdf: PdfRenderer, formats: readonly string[]): Promise<ReportRun> {
  const h = reportsHarness(dir, T0, pdf);
  open = h;
  await command(h, { type: 'reports.smtp.save', settings: { host: '127.0.0.1', port: mail.port, security: 'none', username: 'reports', password: 'right', from: 'floorwatch@example.test' } });
  const schedule = {
    name: 'Morning Program',
    dashboardId: 'builtin-program',
    cadence: 'daily',
    time: '07:00',
    timeZone: 'Europe/Paris',
    range: 'yesterday',
    recipients: ['floor@example.test'],
    formats,
  };
  const saved = await command<ReportSchedule>(h, { type: 'reports.schedule.save', scheduleId: null, schedule });
  return command<ReportRun>(h, { type: 'reports.schedule.runNow', scheduleId: saved.scheduleId });
}

describe('the PDF of a scheduled report', () => {
  it('is drawn by the headless Chromium and holds the dashboard figures', async () => {
    const run = await sendNow(createChromiumPdfRenderer({ PATH: '', FLOORWATCH_PDF_BROWSER: CHROMIUM }), ['csv', 'pdf']);
    expect(run).toMatchObject({ state: 'sent', error: null, attachments: ['Program 2026-12-02.csv', 'Program 2026-12-02.pdf'] });
    const { mail: received } = await mail.mailAt(0);
    expect(received.text).not.toContain('PDF is not attached');
    const attachment = received.attachments.find((candidate) => candidate.filename === 'Program 2026-12-02.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    const { pages, text } = await pdfText(new Uint8Array(attachment?.content ?? Buffer.alloc(0)));
    expect(pages).toBeGreaterThanOrEqual(1);
    // The facts, then the figures the (fixed) insights reader answered: 120 + 80 offered, 6 + 4 abandoned, 87.5 % service level.
    expect(text).toContain('Program');
    expect(text).toContain('Morning Program');
    expect(text).toContain('Europe/Paris');
    expect(text).toMatch(/Offered 200\b/u);
    expect(text).toMatch(/Service level 87\.5%/u);
    expect(text).toMatch(/Orders 120 6\b/u);
    expect(text).toMatch(/Billing 80 4\b/u);
    expect(text).toMatch(/Total 200 10\b/u);
  });

  it('is missing, with the reason in the mail and the send history, when no browser can draw it', async () => {
    const missing = join(dir, 'no-such-browser');
    const run = await sendNow(createChromiumPdfRenderer({ PATH: '', FLOORWATCH_PDF_BROWSER: missing }), ['csv', 'pdf']);
    const note = `PDF is not attached: FLOORWATCH_PDF_BROWSER names ${missing}, which is not a program on this computer. The figures are in Program 2026-12-02.csv.`;
    expect(run).toMatchObject({ state: 'sent', attachments: ['Program 2026-12-02.csv'], error: note });
    const { mail: received } = await mail.mailAt(0);
    expect(received.text).toContain(note);
    expect(received.attachments.map((attachment) => attachment.filename)).toEqual(['Program 2026-12-02.csv']);
    expect(open?.api.query(ADMIN, { type: 'reports.runs', limit: 10 })).toMatchObject({ ok: true, value: [{ runId: run.runId, state: 'sent', error: note }] });
  });

  it('says no browser was found when none is named and none is on the PATH', async () => {
    const run = await sendNow(createChromiumPdfRenderer({ PATH: dir }), ['pdf']);
    expect(run.state).toBe('sent');
    expect(run.attachments).toEqual([]);
    expect(run.error).toBe(
      'PDF is not attached: no Chromium was found on this computer to draw it (looked for chromium, chromium-browser, google-chrome on the PATH; FLOORWATCH_PDF_BROWSER can name one). The key figures are listed above.',
    );
    const { mail: received } = await mail.mailAt(0);
    expect(received.text).toContain('- Offered: 200');
  });
});
