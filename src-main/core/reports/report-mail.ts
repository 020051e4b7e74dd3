/**
 * The mail a report becomes: the dashboard's name, its range in words, the zone, each KPI's figure,
 * the attached files, and, when it is late, for which run and why. Plain text and a simple HTML
 * twin of it (no images, no styles a mail client strips).
 */
import type { RangePreset } from '../../../src-shared/api/insights.js';
import type { ReportFormat } from '../../../src-shared/api/reports.js';
import type { MailAttachment, OutgoingMail } from './smtp-transport.js';

const RANGE_WORDS: Record<RangePreset, string> = {
  today: 'today so far',
  yesterday: 'yesterday',
  last7Days: 'the last 7 days',
  last30Days: 'the last 30 days',
  last90Days: 'the last 90 days',
  thisWeek: 'this week so far',
  lastWeek: 'last week',
  thisMonth: 'this month so far',
  lastMonth: 'last month',
};

/** A range preset in words, as a mail or the UI says it. */
export function rangeInWords(range: RangePreset): string {
  return RANGE_WORDS[range];
}

/** A moment in a zone, as people read it: "Thursday, 3 December 2026 at 07:00". */
export function localTimeInWords(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(at);
}

export interface ReportMailInput {
  readonly scheduleName: string;
  readonly dashboardName: string;
  readonly range: RangePreset;
  readonly timeZone: string;
  readonly recipients: readonly string[];
  readonly formats: readonly ReportFormat[];
  /** The run the mail is for. */
  readonly scheduledFor: number;
  readonly missed: boolean;
  /** When it is sent (differs from `scheduledFor` for a missed run). */
  readonly sentAt: number;
  readonly summaryLines: readonly string[];
  readonly attachments: readonly MailAttachment[];
}

/** Why a PDF asked for is not in the mail (the core renders no page; docs/reports.md). */
export const PDF_NOTE = 'PDF is not attached: only the desktop app can draw a dashboard as a PDF, and reports are sent by the console core. The figures are in the attached CSV or XLSX.';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`);
}

/** The mail of one run. */
export function composeReportMail(input: ReportMailInput): OutgoingMail {
  const range = rangeInWords(input.range);
  const asOf = localTimeInWords(input.scheduledFor, input.timeZone);
  const late = input.missed
    ? `This report is late: it was due on ${asOf} (${input.timeZone}), when the console was closed, and is sent now, on ${localTimeInWords(input.sentAt, input.timeZone)}. Its figures are those of ${range} as of the time it was due.`
    : null;
  const files = input.attachments.map((attachment) => attachment.filename);
  const pdf = input.formats.includes('pdf') ? PDF_NOTE : null;

  const header = [`Dashboard: ${input.dashboardName}`, `Range: ${range}, as of ${asOf}`, `Time zone: ${input.timeZone}`];
  const text = [
    `${input.scheduleName}`,
    '',
    ...(late ? [late, ''] : []),
    ...header,
    '',
    'Key figures',
    ...(input.summaryLines.length > 0 ? input.summaryLines.map((line) => `- ${line}`) : ['- (this dashboard has no single-figure widgets)']),
    '',
    files.length > 0 ? `Attached: ${files.join(', ')}` : 'No file is attached.',
    ...(pdf ? [pdf] : []),
    '',
    'Sent by Floorwatch, on the schedule set in its Reports view.',
  ].join('\n');

  const paragraph = (line: string): string => `<p>${escapeHtml(line)}</p>`;
  const html = [
    '<!doctype html><html><body>',
    `<h1>${escapeHtml(input.scheduleName)}</h1>`,
    late ? `<p><strong>${escapeHtml(late)}</strong></p>` : '',
    ...header.map(paragraph),
    '<h2>Key figures</h2>',
    input.summaryLines.length > 0 ? `<ul>${input.summaryLines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : paragraph('(this dashboard has no single-figure widgets)'),
    paragraph(files.length > 0 ? `Attached: ${files.join(', ')}` : 'No file is attached.'),
    pdf ? paragraph(pdf) : '',
    paragraph('Sent by Floorwatch, on the schedule set in its Reports view.'),
    '</body></html>',
  ].join('');

  const subject = `${input.scheduleName}: ${input.dashboardName}, ${range}${input.missed ? ' (late: the console was closed when it was due)' : ''}`;
  return { to: input.recipients, subject, text, html, attachments: input.attachments };
}
