/**
 * The mail a report becomes: the dashboard's name, its range in words, the zone, each KPI's figure,
 * the attached files, what it lacks and why (a PDF that could not be drawn), and, when it is late,
 * for which run and why. Plain text and a simple HTML twin of it (no images, no styles a mail
 * client strips); its facts and figures are written as the report's PDF writes them
 * (report-print.ts, report-figures.ts).
 */
import type { RangePreset } from '../../../src-shared/api/insights.js';
import { escapeHtml } from '../history/export-format.js';
import { localTimeInWords, rangeInWords } from './report-figures.js';
import { reportFacts } from './report-print.js';
import type { MailAttachment, OutgoingMail } from './smtp-transport.js';

export interface ReportMailInput {
  readonly scheduleName: string;
  readonly dashboardName: string;
  readonly range: RangePreset;
  readonly timeZone: string;
  readonly recipients: readonly string[];
  /** The run the mail is for. */
  readonly scheduledFor: number;
  readonly missed: boolean;
  /** When it is sent (differs from `scheduledFor` for a missed run). */
  readonly sentAt: number;
  readonly summaryLines: readonly string[];
  readonly attachments: readonly MailAttachment[];
  /** What the report lacks and why, in words (a PDF asked for that could not be drawn). */
  readonly notes: readonly string[];
}

/** The mail of one run. */
export function composeReportMail(input: ReportMailInput): OutgoingMail {
  const range = rangeInWords(input.range);
  const asOf = localTimeInWords(input.scheduledFor, input.timeZone);
  const late = input.missed
    ? `This report is late: it was due on ${asOf} (${input.timeZone}), when the console was closed, and is sent now, on ${localTimeInWords(input.sentAt, input.timeZone)}. Its figures are those of ${range} as of the time it was due.`
    : null;
  const files = input.attachments.map((attachment) => attachment.filename);
  const header = reportFacts({ dashboardName: input.dashboardName, rangeWords: range, timeZone: input.timeZone, asOf: input.scheduledFor }).map(([label, value]) => `${label}: ${value}`);
  const noFigures = '(this dashboard has no single-figure widgets)';
  const attached = files.length > 0 ? `Attached: ${files.join(', ')}` : 'No file is attached.';
  const signature = 'Sent by Floorwatch, on the schedule set in its Reports view.';
  const text = [
    `${input.scheduleName}`,
    '',
    ...(late ? [late, ''] : []),
    ...header,
    '',
    'Key figures',
    ...(input.summaryLines.length > 0 ? input.summaryLines.map((line) => `- ${line}`) : [`- ${noFigures}`]),
    '',
    attached,
    ...input.notes,
    '',
    signature,
  ].join('\n');

  const paragraph = (line: string): string => `<p>${escapeHtml(line)}</p>`;
  const html = [
    '<!doctype html><html><body>',
    `<h1>${escapeHtml(input.scheduleName)}</h1>`,
    late ? `<p><strong>${escapeHtml(late)}</strong></p>` : '',
    ...header.map(paragraph),
    '<h2>Key figures</h2>',
    input.summaryLines.length > 0 ? `<ul>${input.summaryLines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : paragraph(noFigures),
    paragraph(attached),
    ...input.notes.map(paragraph),
    paragraph(signature),
    '</body></html>',
  ].join('');

  const subject = `${input.scheduleName}: ${input.dashboardName}, ${range}${input.missed ? ' (late: the console was closed when it was due)' : ''}`;
  return { to: input.recipients, subject, text, html, attachments: input.attachments };
}
