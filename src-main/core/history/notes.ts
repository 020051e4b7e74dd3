/**
 * Supervisor notes on cached conversations: stored locally first (the note is never lost, online
 * or not), then sent to the feed as conversation.add_note when it is connected. Notes written
 * offline go out when the feed comes back. The client's commandId is the note id and the feed's
 * command id; a retried command is answered by the API service's command ledger, and the feed
 * (which applies a command id once) shows the note once.
 */
import type { StoreConnection } from '../store/connection.js';
import type { ConversationNote } from '../../../src-shared/api/transcript.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { scopeIncludes } from '../queue-scope.js';
import type { CoreFeed } from '../core-context.js';

interface NoteRecord {
  readonly noteId: string;
  readonly conversationId: string;
  readonly at: number;
  readonly authorId: string;
  readonly authorName: string;
  readonly text: string;
  readonly sentToFeed: number;
}

function toNote(record: NoteRecord): ConversationNote {
  return { ...record, sentToFeed: record.sentToFeed === 1 };
}

/** How long note.add waits for the feed's ack before answering "stored, not yet sent". */
const ACK_WAIT_MS = 2_000;
/** Unsent notes sent per reconnection, oldest first; the rest wait for the next status change. */
const RESEND_BATCH = 500;

export interface NotesOptions {
  readonly db: StoreConnection;
  readonly feed: Pick<CoreFeed, 'sendCommand' | 'status'>;
  readonly now: () => number;
}

export class NotesService {
  private readonly statements;
  /** Notes being sent, so a reconnect does not send one twice while its ack is on the way. */
  private readonly sending = new Set<string>();
  private resending = false;

  constructor(private readonly options: NotesOptions) {
    const db = options.db;
    this.statements = {
      byId: db.prepare<[string], NoteRecord>(
        `SELECT note_id AS noteId, conversation_id AS conversationId, at, author_id AS authorId, author_name AS authorName, text,
           sent_to_feed AS sentToFeed FROM history_notes WHERE note_id = ?`,
      ),
      ofConversation: db.prepare<[string], NoteRecord>(
        `SELECT note_id AS noteId, conversation_id AS conversationId, at, author_id AS authorId, author_name AS authorName, text,
           sent_to_feed AS sentToFeed FROM history_notes WHERE conversation_id = ? ORDER BY at, note_id`,
      ),
      unsent: db.prepare<[number], NoteRecord>(
        `SELECT note_id AS noteId, conversation_id AS conversationId, at, author_id AS authorId, author_name AS authorName, text,
           sent_to_feed AS sentToFeed FROM history_notes WHERE sent_to_feed = 0 ORDER BY at LIMIT ?`,
      ),
      queueOf: db.prepare<[string], string>('SELECT queue_id FROM conversations WHERE conversation_id = ?').pluck(),
      insert: db.prepare<[string, string, string, number, string, string, string]>(
        `INSERT INTO history_notes (note_id, conversation_id, queue_id, at, author_id, author_name, text) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (note_id) DO NOTHING`,
      ),
      markSent: db.prepare<[string]>('UPDATE history_notes SET sent_to_feed = 1, last_error = NULL WHERE note_id = ?'),
      markError: db.prepare<[string, string]>('UPDATE history_notes SET last_error = ? WHERE note_id = ?'),
    };
  }

  /** Notes of a conversation, oldest first. */
  list(conversationId: string): ConversationNote[] {
    return this.statements.ofConversation.all(conversationId).map(toNote);
  }

  /**
   * Stores a note and, when the feed is live, sends it and waits briefly for the ack. Retries of
   * the command never get here: the command ledger answers them with the first outcome.
   */
  async add(session: Access, conversationId: string, text: string, noteId: string): Promise<Result<ConversationNote>> {
    const queueId = this.statements.queueOf.get(conversationId);
    if (queueId === undefined || !scopeIncludes(session.scope, queueId)) {
      return fail(`Conversation ${conversationId} is not in the cache (or not in your queues).`);
    }
    this.statements.insert.run(noteId, conversationId, queueId, this.options.now(), session.userId, session.displayName, text);
    if (this.options.feed.status().connection === 'live') {
      const sent = this.send(noteId);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ACK_WAIT_MS);
      });
      await Promise.race([sent, timeout]);
      clearTimeout(timer);
    }
    // The insert keeps an existing note of that id (the key is the note's own); only this note is answered.
    const stored = this.statements.byId.get(noteId);
    if (stored && (stored.conversationId !== conversationId || stored.authorId !== session.userId)) return fail(`Note id ${noteId} belongs to another note.`);
    return stored ? ok(toNote(stored)) : fail(`Note ${noteId} could not be stored.`);
  }

  /** Sends every stored note the feed has not acknowledged; called when the feed becomes live. */
  async sendPending(): Promise<number> {
    if (this.resending) return 0;
    this.resending = true;
    let sent = 0;
    try {
      for (const note of this.statements.unsent.all(RESEND_BATCH)) {
        if (this.options.feed.status().connection !== 'live') break;
        if (await this.send(note.noteId)) sent += 1;
      }
    } finally {
      this.resending = false;
    }
    return sent;
  }

  /** Sends one note; true when the feed acknowledged it. */
  private async send(noteId: string): Promise<boolean> {
    const note = this.statements.byId.get(noteId);
    if (!note || note.sentToFeed === 1 || this.sending.has(noteId)) return false;
    this.sending.add(noteId);
    try {
      const outcome = await this.options.feed.sendCommand(noteId, {
        type: 'conversation.add_note',
        conversationId: note.conversationId,
        supervisorId: note.authorId,
        text: note.text,
      });
      if (!this.options.db.open) return false;
      if (outcome.ok) {
        this.statements.markSent.run(noteId);
        return true;
      }
      this.statements.markError.run(outcome.reason ?? 'refused by the feed', noteId);
      return false;
    } finally {
      this.sending.delete(noteId);
    }
  }
}
