/**
 * Counts of a transport's API messages (console.diagnostics), apart from the connection and its
 * schemas so the host's listener can hold one before the core is loaded.
 */
import type { ApiMessageCounts, UnreadableReason } from '../../../src-shared/api/console.js';

/** What became of one received message (see ApiMessageCounts). */
export type MessageOutcome = 'answered' | 'refused' | 'afterClose' | { readonly unreadable: UnreadableReason };

/** Counts messages of many connections; its snapshot is what `console.diagnostics` shows. */
export interface ApiMessageCounter {
  record(outcome: MessageOutcome): void;
  snapshot(): ApiMessageCounts;
}

/**
 * Creates a message counter.
 * Kept apart from any one connection so a transport's counts outlive its sockets.
 */
export function createApiMessageCounter(): ApiMessageCounter {
  let answered = 0;
  let refused = 0;
  let afterClose = 0;
  const unreadable: Record<UnreadableReason, number> = { oversized: 0, not_json: 0, binary: 0, no_id: 0 };
  return {
    record(outcome) {
      if (outcome === 'answered') answered += 1;
      else if (outcome === 'refused') refused += 1;
      else if (outcome === 'afterClose') afterClose += 1;
      else unreadable[outcome.unreadable] += 1;
    },
    snapshot() {
      const unreadableTotal = Object.values(unreadable).reduce((sum, count) => sum + count, 0);
      return { received: answered + refused + afterClose + unreadableTotal, answered, refused, unreadable: { ...unreadable }, afterClose };
    },
  };
}
