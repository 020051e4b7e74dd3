/**
 * The two download formats of the Conversation Manager, as pure functions of a cached transcript:
 * a standalone HTML page (inline CSS, every text escaped) and CSV (RFC 4180, one row per
 * message, guarded against formula injection when opened in a spreadsheet).
 */
import type { CachedTranscript } from '../../../src-shared/api/history.js';
import type { ExportFormat } from '../../../src-shared/api/history.js';
import { formatDuration, zonedParts } from '../../../src-shared/time.js';

export const EXPORT_MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Where a spreadsheet may start reading a cell from a formula: the start of the text, or just after
 * a character that ends a field or a row in some reading of the file (`;` in many European locales,
 * tab when sniffed as TSV, a line break where the importer ignores our quotes), after skipping what
 * spreadsheets skip (whitespace of any script, control characters, zero-width marks, and quotes,
 * which a reader that splits inside our quoted cell takes as the start of its own quoted field; a
 * break itself starts the next place to look), before a
 * formula's first character: = + - @ and every character that NFKC-normalises to one (full-width
 * ＝＋－＠, small and super/subscript forms, the minus sign).
 */
const FORMULA_AT_FIELD_START = /(^|[;\t\r\n])((?:(?![;\t\r\n])[\s\p{Cc}\p{Cf}"])*)(?=[=+\-@\u207a-\u207c\u208a-\u208c\u2212\u2a75\u2a76\ufb29\ufe62\ufe63\ufe66\ufe6b\uff0b\uff0d\uff1d\uff20])/gu;

/** Characters that make a cell need quotes: our separator, a quote, a line break, and `;` and tab, which other readings split on. */
const NEEDS_QUOTES = /[",;\t\r\n]/u;

/**
 * Neutralises every place a spreadsheet could start a formula: an apostrophe goes in front of the
 * text (and after each `;`, tab or line break inside it) where a formula would begin, so the cell
 * shows as text. A leading tab or line break is prefixed even without a formula: it hides what
 * follows. Text that cannot be read as a formula is returned unchanged.
 */
export function neutraliseFormulas(text: string): string {
  const guarded = text.replace(FORMULA_AT_FIELD_START, (_match, boundary: string, skipped: string) => `${boundary}'${skipped}`);
  return guarded.startsWith("'") || !/^[\t\r\n]/u.test(guarded) ? guarded : `'${guarded}`;
}

/**
 * One CSV cell, safe to open in a spreadsheet in any locale: formulas neutralised (see
 * `neutraliseFormulas`), and a cell holding a comma, semicolon, tab, quote or line break quoted
 * with its quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? neutraliseFormulas(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export const CSV_COLUMNS = [
  'conversation_id',
  'queue_id',
  'queue',
  'channel',
  'intent',
  'agent_id',
  'agent',
  'customer_id',
  'customer_name',
  'customer_email',
  'customer_phone',
  'conversation_created_at',
  'disposition',
  'csat',
  'handle_time_sec',
  'record',
  'time',
  'sender',
  'sender_id',
  'kind',
  'text',
  'delivery_failure',
] as const;

function iso(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

/** The CSV header, opened with a byte-order mark so spreadsheets read the file as UTF-8. */
export function csvHeader(): string {
  return `\uFEFF${csvRow(CSV_COLUMNS)}`;
}

/**
 * A conversation's CSV records: one per message, then one per supervisor note and one for the
 * survey answer; a conversation without any still gets one record, so none goes missing.
 */
export function csvConversation(transcript: CachedTranscript): string {
  const row = transcript.conversation;
  const common = [
    row.conversationId,
    row.queueId,
    row.queueName,
    row.channel,
    row.intent,
    row.agentId,
    row.agentName,
    row.customer?.customerId ?? null,
    row.customer?.name ?? null,
    row.customer?.email ?? null,
    row.customer?.phone ?? null,
    iso(row.createdAt),
    row.disposition,
    row.csat,
    row.handleTimeSec,
  ] as const;
  let out = '';
  for (const entry of transcript.entries) {
    if (entry.kind !== 'message') continue;
    out += csvRow([...common, 'message', iso(entry.at), entry.sender, entry.senderId, entry.messageKind, entry.text, entry.deliveryFailure]);
  }
  for (const note of transcript.notes) {
    out += csvRow([...common, 'supervisor_note', iso(note.at), 'supervisor', note.authorId, 'note', note.text, null]);
  }
  if (transcript.survey) {
    out += csvRow([...common, 'survey', iso(transcript.survey.at), 'customer', null, 'survey', transcript.survey.comment ?? '', null]);
  }
  return out.length > 0 ? out : csvRow([...common, 'conversation', null, null, null, null, null, null]);
}

/** "2026-03-10 14:05:12" in the zone (the queue's), so times read as the floor saw them. */
export function zonedTime(epochMs: number, timeZone: string): string {
  try {
    const p = zonedParts(epochMs, timeZone);
    const two = (value: number): string => String(value).padStart(2, '0');
    return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  } catch {
    return new Date(epochMs).toISOString();
  }
}

const HTML_STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#111;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem;border-top:2px solid #333;padding-top:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
ol{list-style:none;padding:0}li{padding:.35rem .5rem;border-left:4px solid #ccc;margin:.3rem 0}
li.customer{border-color:#2b6cb0}li.agent,li.supervisor{border-color:#2f855a}li.bot{border-color:#805ad5}
li.event{border-color:#999;color:#444;font-style:italic}li.whisper{background:#fffbea}li.note{background:#f0f4ff}li.system{color:#555}
.time{color:#555;font-variant-numeric:tabular-nums;margin-right:.5rem}.badge{font-size:.8em;border:1px solid #888;border-radius:.3em;padding:0 .3em;margin-left:.4em}
.failed{color:#b00020;font-weight:600}.notes li{border-color:#d69e2e}
@media print{h2{break-before:page}}`;

/** Opens the standalone HTML file. */
export function htmlHeader(title: string, generatedAt: number): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${HTML_STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1><p>Exported ${escapeHtml(new Date(generatedAt).toISOString())} from the Floorwatch cache.</p>\n`;
}

export function htmlFooter(): string {
  return '</body></html>\n';
}

function seconds(value: number | null): string {
  return value === null ? '–' : formatDuration(value);
}

/** One conversation's section: metadata, figures, transcript, notes and survey. */
export function htmlConversation(transcript: CachedTranscript, timeZone: string): string {
  const row = transcript.conversation;
  const when = (epochMs: number | null): string => (epochMs === null ? '–' : zonedTime(epochMs, timeZone));
  const customer = row.customer
    ? [row.customer.name, row.customer.customerId, row.customer.email, row.customer.phone].filter((part) => part !== undefined).join(' · ')
    : '–';
  const facts: [string, string][] = [
    ['Queue', `${row.queueName} (${row.channel})`],
    ['Intent', row.intent || '–'],
    ['Agent', row.agentName ?? '–'],
    ['Customer', customer],
    ['Started', `${when(row.createdAt)} ${timeZone}`],
    ['Ended', when(row.endedAt)],
    ['State', row.disposition ? `${row.state}: ${row.disposition.replaceAll('_', ' ')}` : row.state],
    ['Handle time', seconds(row.handleTimeSec)],
    ['Wait', seconds(row.waitSec)],
    ['First response', seconds(row.firstResponseSec)],
    ['Average response', seconds(row.avgResponseSec)],
    ['CSAT', row.csat === null ? '–' : `${row.csat} / 5`],
    ['Messages', String(row.messageCount)],
  ];
  let out = `<section id="${escapeHtml(row.conversationId)}"><h2>Conversation ${escapeHtml(row.conversationId)}</h2>\n<dl>`;
  for (const [label, value] of facts) out += `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
  out += '</dl>\n<h3>Transcript</h3>\n<ol>';
  for (const entry of transcript.entries) {
    const time = `<span class="time">${escapeHtml(when(entry.at))}</span>`;
    if (entry.kind === 'event') {
      out += `<li class="event">${time}${escapeHtml(entry.text)}</li>`;
      continue;
    }
    const badge = entry.messageKind === 'text' ? '' : `<span class="badge">${escapeHtml(entry.messageKind)}</span>`;
    const failure = entry.deliveryFailure === null ? '' : ` <span class="failed">Not delivered: ${escapeHtml(entry.deliveryFailure)}</span>`;
    out += `<li class="${escapeHtml(entry.sender)} ${escapeHtml(entry.messageKind)}">${time}<strong>${escapeHtml(entry.sender)}</strong>${badge}: ${escapeHtml(entry.text)}${failure}</li>`;
  }
  out += '</ol>\n';
  if (transcript.notes.length > 0) {
    out += '<h3>Supervisor notes</h3>\n<ol class="notes">';
    for (const note of transcript.notes) {
      out += `<li><span class="time">${escapeHtml(when(note.at))}</span><strong>${escapeHtml(note.authorName)}</strong>: ${escapeHtml(note.text)}</li>`;
    }
    out += '</ol>\n';
  }
  if (transcript.survey) {
    const comment = transcript.survey.comment === null ? '' : ` — ${escapeHtml(transcript.survey.comment)}`;
    out += `<h3>Survey</h3>\n<p>${escapeHtml(when(transcript.survey.at))}: rated ${transcript.survey.rating} / 5${comment}</p>\n`;
  }
  return `${out}</section>\n`;
}
