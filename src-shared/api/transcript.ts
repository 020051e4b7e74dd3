/**
 * One line of a conversation as every transcript view shows it, live (Live Insights) or cached
 * (Conversation Manager): messages with their sender and kind, and the conversation's lifecycle
 * events in between, so whispers, notes, transfers and takeovers read in order.
 */
import type { Disposition, MessageKind, Sender } from '../protocol/events.js';

export type TranscriptEntry =
  | {
      readonly kind: 'message';
      readonly messageId: string;
      readonly at: number;
      readonly sender: Sender;
      /** text, whisper (agent only, never the customer), note (supervisors only) or system. */
      readonly messageKind: MessageKind;
      readonly senderId: string | null;
      /** The sender's name where the console knows it (agents, supervisors); views fall back to senderId. */
      readonly senderName?: string;
      readonly text: string;
      /** Set when the feed reported that this message did not reach the customer. */
      readonly deliveryFailure: string | null;
    }
  | {
      readonly kind: 'event';
      readonly at: number;
      readonly event: 'created' | 'queued' | 'assigned' | 'transferred' | 'taken_over' | 'ended' | 'abandoned';
      /** Human-readable, already naming queues and agents, e.g. "Transferred from Billing to Sales". */
      readonly text: string;
      readonly disposition?: Disposition;
    };

/** A supervisor note on a conversation (stored locally; sent to the feed when connected). */
export interface ConversationNote {
  readonly noteId: string;
  readonly conversationId: string;
  readonly at: number;
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
  /** False while the note waits to be sent to the feed (offline). */
  readonly sentToFeed: boolean;
}
