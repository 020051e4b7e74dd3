/** Words of the audit view: the verification verdict, the feed anchor's verdict, and each outcome. */
import type { AuditAnchorCheck, AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import { assertNever } from '../../../src-shared/result.js';
import { useT } from '../../i18n/translate.js';

const t = useT('audit');

/** How the verdict looks: good, bad, or not known. */
export type VerdictTone = 'ok' | 'bad' | 'unknown';

export interface VerdictLine {
  readonly tone: VerdictTone;
  readonly title: string;
  /** The reason in the core's words, or what the verdict covers. */
  readonly detail: string;
}

function recordCount(count: number): string {
  return t('recordCount', { count });
}

/**
 * The local chain's verdict: "Chain intact: 124 records", or where it breaks ("Broken at record
 * #3", "Records missing from #3") with the core's reason naming the records.
 */
export function describeChain(verification: AuditVerification): VerdictLine {
  const legacy = verification.legacyThrough > 0 ? ` Records up to #${verification.legacyThrough} predate the keyed chain (plain hashes).` : '';
  if (verification.problem === null) {
    return { tone: 'ok', title: t('chainIntactValue0', { value0: recordCount(verification.checked) }), detail: t('everyRecordMatchesIts', { legacy }) };
  }
  const at = verification.firstBadAuditId;
  const reason = verification.reason ?? '';
  switch (verification.problem) {
    case 'forged':
      return { tone: 'bad', title: at === null ? t('chainBroken') : t('brokenAtRecordAt', { at: String(at) }), detail: reason };
    case 'missing':
      return { tone: 'bad', title: at === 1 && verification.checked === 0 ? t('auditLogEmptied') : t('recordsMissingFromValue0', { value0: at === null ? '?' : String(at) }), detail: reason };
    case 'key-missing':
      return { tone: 'bad', title: t('chainKeyMissingOr'), detail: reason };
    case 'head-missing':
      return { tone: 'bad', title: t('headOutsideTheDatabase'), detail: reason };
    case 'boundary-moved':
      return { tone: 'bad', title: t('legacyBoundaryMoved'), detail: reason };
    default:
      return assertNever(verification.problem, 'audit problem');
  }
}

/** The feed anchor's verdict: agrees, unknown (no anchor, a v1 feed), or disagrees with the reason. */
export function describeAnchor(anchor: AuditAnchorCheck): VerdictLine {
  switch (anchor.state) {
    case 'agrees':
      return { tone: 'ok', title: t('feedAnchorAgrees'), detail: t('theFeedHoldsRecord', { auditId: String(anchor.anchor.auditId) }) };
    case 'unknown':
      return { tone: 'unknown', title: t('feedAnchorUnknown'), detail: anchor.reason };
    case 'disagrees':
      return { tone: 'bad', title: t('feedAnchorDisagrees'), detail: anchor.reason };
    default:
      return assertNever(anchor, 'audit anchor');
  }
}

/** The one-line summary: "Chain intact: 124 records · Feed anchor agrees". */
export function describeVerification(verification: AuditVerification): string {
  return `${describeChain(verification).title} · ${describeAnchor(verification.anchor).title}`;
}

export function outcomeLabel(outcome: AuditRecord['outcome']): string {
  switch (outcome) {
    case 'pending':
      return t('pending');
    case 'acked':
      return t('done');
    case 'rejected':
      return t('rejected');
    case 'local':
      return t('doneThisConsole');
    default:
      return assertNever(outcome, 'audit outcome');
  }
}

/** What each audited action did, in words; an action not listed here shows its name. */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  'conversation.whisper': 'Whispered to the agent',
  'conversation.takeover': 'Took over the conversation',
  'conversation.reply': 'Replied to the customer',
  'queue.mitigation': 'Set the queue’s mitigation',
  'queue.overflow': 'Set overflow rules',
  'queue.transfer_waiting': 'Moved the waiting customers',
  'queue.end_all': 'Ended every conversation',
  'queue.business_hours': 'Changed business hours',
  'queue.thresholds': 'Changed thresholds',
  'agent.status': 'Set an agent’s status',
  'agent.queues': 'Changed an agent’s queues',
  'agent.capacity': 'Changed an agent’s slots',
  'user.role': 'Changed a user’s role',
  'thresholds.override': 'Overrode thresholds on this console',
  'history.note.add': 'Added a note',
  'history.retention.set': 'Set how long the cache keeps history',
  'history.export.start': 'Started a download',
  'history.export.file': 'Downloaded a file',
  'wallboard.board.save': 'Saved a board',
  'wallboard.board.import': 'Imported a board',
  'wallboard.board.delete': 'Deleted a board',
  'wallboard.playlist.save': 'Saved the playlist',
  'wallboard.lan.set': 'Turned LAN wallboards on or off',
  'wallboard.device.create': 'Added a wallboard device',
  'wallboard.device.revoke': 'Revoked a wallboard device',
};

const TARGET_WORDS: Readonly<Record<string, string>> = {
  conversation: 'Conversation',
  queue: 'Queue',
  agent: 'Agent',
  user: 'User',
  board: 'Board',
  device: 'Device',
  group: 'Group',
};

/** Names the console knows, so a record reads "Queue Billing" rather than "queue:q-billing". */
export interface AuditNames {
  readonly queue?: (queueId: string) => string | undefined;
}

export interface AuditRecordText {
  /** What was done: "Whispered to the agent". */
  readonly what: string;
  /** To what: "Conversation c-7-…", "Queue Billing", "Cache". */
  readonly subject: string;
  /** The record's fields in words: "text: Offer the refund", "state: paused". */
  readonly details: readonly string[];
  /** The chain entries: "#5" or "#5 + #6" (the action, then its outcome). */
  readonly entries: string;
}

/** "queueIds" → "queue ids", "targetQueueId" → "target queue id". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/gu, '$1 $2').replaceAll('_', ' ').toLowerCase();
}

function valueText(value: unknown): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 79)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.every((item) => typeof item === 'string' || typeof item === 'number') && value.length <= 5 ? value.join(', ') : t('lengthItems', { length: value.length });
  if (typeof value === 'object') {
    const named = (value as { readonly name?: unknown }).name;
    return typeof named === 'string' ? `“${named}”` : t('lengthSettings', { length: Object.keys(value).length });
  }
  return String(value);
}

/**
 * One audit record as people read it: who is its own column; what was done, to which queue,
 * conversation or agent, and its fields in words rather than the stored JSON.
 */
export function describeAuditRecord(record: Pick<AuditRecord, 'auditId' | 'action' | 'target' | 'detail' | 'outcomeAuditId'>, names: AuditNames = {}): AuditRecordText {
  const separator = record.target.indexOf(':');
  const kind = separator < 0 ? record.target : record.target.slice(0, separator);
  const id = separator < 0 ? '' : record.target.slice(separator + 1);
  const name = kind === 'queue' ? names.queue?.(id) : undefined;
  const subject = separator < 0 ? record.target.charAt(0).toUpperCase() + record.target.slice(1) : `${TARGET_WORDS[kind] ?? kind} ${name ?? id}`;
  let fields: Record<string, unknown> = {};
  try {
    const parsed: unknown = record.detail === '' ? {} : JSON.parse(record.detail);
    fields = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { detail: parsed };
  } catch {
    fields = { detail: record.detail };
  }
  const details = Object.entries(fields)
    // The subject already names it.
    .filter(([key, value]) => !(typeof value === 'string' && value === id && /id$/iu.test(key)))
    .map(([key, value]) => `${words(key)}: ${key.toLowerCase().endsWith('queueid') && typeof value === 'string' ? (names.queue?.(value) ?? value) : valueText(value)}`);
  const outcomeEntry = record.outcomeAuditId === null || record.outcomeAuditId === undefined ? '' : ` + #${record.outcomeAuditId}`;
  return { what: ACTION_WORDS[record.action] ?? record.action, subject, details, entries: `#${record.auditId}${outcomeEntry}` };
}
