/**
 * The live transcript as the panel holds it, and how each line is marked. Whispers, notes,
 * system lines and delivery failures carry a label and an icon, never colour alone.
 */
import type { LiveConversationHeader, TranscriptMessage, Watcher } from '../../../src-shared/api/live-insights.js';
import type { TranscriptEntry } from '../../../src-shared/api/transcript.js';
import { assertNever } from '../../../src-shared/result.js';
import { useT } from '../../i18n/translate.js';

const t = useT('queue-detail');

export interface TranscriptViewState {
  readonly loaded: boolean;
  readonly header: LiveConversationHeader | null;
  readonly entries: readonly TranscriptEntry[];
  readonly watchers: readonly Watcher[];
}

export const initialTranscriptState: TranscriptViewState = { loaded: false, header: null, entries: [], watchers: [] };

function entryKey(entry: TranscriptEntry): string | null {
  return entry.kind === 'message' ? entry.messageId : null;
}

/**
 * Applies a snapshot or an update of the 'live.transcript' topic. Updates append in order; a
 * message already shown (a repeat after a reconnect) is not shown twice, and delivery failures
 * mark the messages they name.
 */
export function reduceTranscript(state: TranscriptViewState, message: TranscriptMessage): TranscriptViewState {
  switch (message.kind) {
    case 'snapshot':
      return { loaded: true, header: message.header, entries: message.entries, watchers: message.watchers };
    case 'update': {
      if (!state.loaded) return state;
      const known = new Set<string>();
      for (const entry of state.entries) {
        const key = entryKey(entry);
        if (key !== null) known.add(key);
      }
      const fresh = message.append.filter((entry) => {
        const key = entryKey(entry);
        if (key === null) return true;
        if (known.has(key)) return false;
        known.add(key);
        return true;
      });
      let entries: readonly TranscriptEntry[] = fresh.length === 0 ? state.entries : [...state.entries, ...fresh];
      if (message.deliveryFailures.length > 0) {
        const failures = new Map(message.deliveryFailures.map((failure) => [failure.messageId, failure.reason]));
        entries = entries.map((entry) => {
          if (entry.kind !== 'message') return entry;
          const reason = failures.get(entry.messageId);
          return reason === undefined || entry.deliveryFailure === reason ? entry : { ...entry, deliveryFailure: reason };
        });
      }
      return { loaded: true, header: message.header, entries, watchers: message.watchers };
    }
    default:
      return assertNever(message, 'transcript message');
  }
}

export type EntryTone = 'customer' | 'agent' | 'bot' | 'supervisor' | 'whisper' | 'note' | 'system' | 'event';

export interface EntryPresentation {
  readonly tone: EntryTone;
  /** Words that say what the line is: the sender, or "Whisper", "Note", "System". */
  readonly label: string;
  /** A glyph beside the label, empty for ordinary conversation lines. */
  readonly icon: string;
}

const senderLabels = { customer: 'Customer', agent: 'Agent', bot: 'Bot', supervisor: 'Supervisor' } as const;

/** How one transcript line is marked. */
export function presentEntry(entry: TranscriptEntry): EntryPresentation {
  if (entry.kind === 'event') return { tone: 'event', label: t('event'), icon: '•' };
  switch (entry.messageKind) {
    case 'text':
      return { tone: entry.sender, label: senderLabels[entry.sender], icon: '' };
    case 'whisper':
      return { tone: 'whisper', label: t('whisperValue0ToAgent', { value0: senderLabels[entry.sender] }), icon: '✉' };
    case 'note':
      return { tone: 'note', label: t('noteValue0', { value0: senderLabels[entry.sender] }), icon: '✎' };
    case 'system':
      return { tone: 'system', label: t('system'), icon: '⚙' };
    default:
      return assertNever(entry.messageKind, 'message kind');
  }
}

/** "Watching: Ada, Ben", or null when no one else is watching. */
export function watchersLine(watchers: readonly Watcher[]): string | null {
  if (watchers.length === 0) return null;
  return t('watchingValue0', { value0: watchers.map((watcher) => watcher.displayName).join(', ') });
}

/** Whether a scrolled list is at (or within a few pixels of) its bottom: only then does it follow new lines. */
export function isNearBottom(scrollTop: number, clientHeight: number, scrollHeight: number, tolerance = 32): boolean {
  return scrollHeight - (scrollTop + clientHeight) <= tolerance;
}

/** Delivery failures: the header's count, or the marked lines if the header has not caught up yet. */
export function deliveryFailureCount(state: TranscriptViewState): number {
  const marked = state.entries.filter((entry) => entry.kind === 'message' && entry.deliveryFailure !== null).length;
  return Math.max(marked, state.header?.deliveryFailures ?? 0);
}

/** Whether this session owns the conversation: its takeover was acknowledged, or the header names it. */
export function ownsConversation(header: LiveConversationHeader | null, userId: string | null, takeoverAcknowledged: boolean): boolean {
  if (takeoverAcknowledged) return true;
  return header !== null && userId !== null && header.supervisorId === userId;
}

const STATE_LABELS: Readonly<Record<LiveConversationHeader['state'], string>> = {
  created: 'Created',
  queued: 'Waiting in queue',
  assigned: 'With an agent',
  ended: 'Ended',
  abandoned: 'Abandoned',
};

/** The conversation's state in words; a taken-over conversation is with a supervisor, not "with an agent". */
export function conversationStateLabel(header: Pick<LiveConversationHeader, 'state' | 'supervisorId'>, owned: boolean): string {
  if (header.state === 'assigned' && header.supervisorId !== null) return owned ? t('withYouTakenOver') : t('withASupervisorTaken');
  return STATE_LABELS[header.state];
}

/** Who has the conversation: "Supervisor (you)", the supervisor's name (or "Another supervisor"), the agent's name, or "No agent". */
export function ownerLabel(header: Pick<LiveConversationHeader, 'supervisorId' | 'supervisorName' | 'agentId' | 'agentName'>, owned: boolean): string {
  if (header.supervisorId !== null) {
    if (owned) return t('supervisorYou');
    // A name the console does not know stays unsaid: an id such as "supervisor" read "Supervisor supervisor".
    return header.supervisorName === null || header.supervisorName === undefined ? t('anotherSupervisor') : t('supervisornameSupervisor', { supervisorName: header.supervisorName });
  }
  return header.agentName ?? header.agentId ?? 'No agent';
}
