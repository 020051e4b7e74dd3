/**
 * What the projector remembers of each conversation id, so the busiest event, a message, costs one
 * map lookup and a plain INSERT (docs/decisions/0055-sqlite-work-per-event.md). Each field is only
 * ever a shortcut: undefined (or false) means "read the row", never "there is none".
 */
import { BoundedCache } from './bounded-cache.js';
import type { ConversationTableRow } from './types.js';

/** What a transition of a conversation reads of its row. */
export type ConversationHead = Pick<ConversationTableRow, 'state' | 'queueId' | 'agentId' | 'queuedAt' | 'assignedAt' | 'stateAt'>;

/** What a message row needs of its conversation (store migration 230). */
export interface ConversationIdentity {
  readonly key: number;
  /** The id the feed tells the conversation by: its message ids usually begin with it. */
  readonly feedId: string;
}

export interface ConversationMemo {
  /** The epoch the id was last claimed for, so a claim costs nothing. */
  epoch: string | undefined;
  /**
   * The conversation's current queue, as last written or read by the projector: a message's row
   * records it. Every statement that moves a conversation between queues goes through the
   * projector and updates it; a miss reads the conversation's row, which also tells an orphan from
   * a replay. Anything that deletes conversations must clear the memos afterwards, or a message for
   * a deleted conversation would be written instead of rejected as an orphan.
   */
  queueId: string | undefined;
  /** The conversation's key and feed id (store migration 230), which no transfer changes. */
  identity: ConversationIdentity | undefined;
  /** The row's head as the projector last read or wrote it, so a transition costs its UPDATE alone. */
  head: ConversationHead | undefined;
  /**
   * Known to have a first response, so the conditional UPDATE that sets it runs at most once per
   * conversation instead of for every agent message.
   */
  responded: boolean;
}

function emptyMemo(): ConversationMemo {
  return { epoch: undefined, queueId: undefined, identity: undefined, head: undefined, responded: false };
}

/** A bounded map of memos, with the one looked up last kept aside: a conversation's events often come in a row. */
export class ConversationMemos {
  private readonly memos: BoundedCache<string, ConversationMemo>;
  private lastId: string | null = null;
  private last: ConversationMemo = emptyMemo();

  constructor(capacity: number) {
    this.memos = new BoundedCache(capacity);
  }

  /** The memo of a conversation id, an empty one (remembered from now on) when there is none. */
  of(conversationId: string): ConversationMemo {
    if (this.lastId === conversationId) return this.last;
    let memo = this.memos.get(conversationId);
    if (memo === undefined) memo = this.remember(conversationId, emptyMemo());
    this.lastId = conversationId;
    this.last = memo;
    return memo;
  }

  /** Forgets everything remembered of an id (its row was renamed away) and returns its new, empty memo. */
  reset(conversationId: string): ConversationMemo {
    const memo = this.remember(conversationId, emptyMemo());
    this.lastId = conversationId;
    this.last = memo;
    return memo;
  }

  /** Forgets an id whose row was deleted: its next event reads the row (and finds none). */
  forget(conversationId: string): void {
    this.memos.delete(conversationId);
    if (this.lastId === conversationId) this.lastId = null;
  }

  clear(): void {
    this.memos.clear();
    this.lastId = null;
  }

  private remember(conversationId: string, memo: ConversationMemo): ConversationMemo {
    this.memos.set(conversationId, memo);
    return memo;
  }
}
