/**
 * Commands waiting for the feed's answer. A command is sent at once when connected, resent under
 * the same id after every reconnect (the feed applies an id once), and answered exactly once: by
 * the feed's result, by the timeout, or when the client stops. Its promise never rejects.
 */
import type { AuditHead, ClientFrame, FeedCommand, ServerFrameOf } from '../../../src-shared/protocol/frames.js';
import { feedCommandSchema } from '../../../src-shared/protocol/frames.js';
import type { CommandOutcome } from './feed-types.js';
import { describeIssues } from './frame-decoder.js';

const MAX_COMMAND_ID_LENGTH = 128;

export interface CommandOutboxOptions {
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly timeoutMs: number;
  /** Puts a frame on the current connection (dropped when there is none: it is resent later). */
  readonly send: (frame: ClientFrame) => void;
}

interface PendingCommand {
  readonly frame: ClientFrame;
  readonly promise: Promise<CommandOutcome>;
  readonly resolve: (outcome: CommandOutcome) => void;
  readonly timer: unknown;
}

export class CommandOutbox {
  private readonly pending = new Map<string, PendingCommand>();

  constructor(private readonly options: CommandOutboxOptions) {}

  /** Queues a command (the same id twice gets the first promise); sent now when `connected`, with the audit head when given. */
  submit(commandId: string, command: FeedCommand, state: { readonly stopped: boolean; readonly connected: boolean }, auditHead?: AuditHead): Promise<CommandOutcome> {
    const existing = this.pending.get(commandId);
    if (existing) return existing.promise;
    if (commandId.length === 0 || commandId.length > MAX_COMMAND_ID_LENGTH) {
      return Promise.resolve({ ok: false, reason: `invalid command id: expected 1 to ${MAX_COMMAND_ID_LENGTH} characters` });
    }
    const parsed = feedCommandSchema.safeParse(command);
    if (!parsed.success) return Promise.resolve({ ok: false, reason: `invalid command: ${describeIssues(parsed.error)}` });
    if (state.stopped) return Promise.resolve({ ok: false, reason: 'the feed client is stopped' });
    const { timeoutMs } = this.options;
    let resolve: (outcome: CommandOutcome) => void = () => undefined;
    const promise = new Promise<CommandOutcome>((settle) => {
      resolve = settle;
    });
    const timer = this.options.setTimer(() => {
      if (this.pending.get(commandId)?.promise !== promise) return;
      this.pending.delete(commandId);
      resolve({ ok: false, reason: `no answer from the feed within ${Math.round(timeoutMs / 1000)} s; it may or may not have been applied` });
    }, timeoutMs);
    const frame: ClientFrame = auditHead === undefined ? { type: 'command', commandId, command: parsed.data } : { type: 'command', commandId, command: parsed.data, auditHead };
    this.pending.set(commandId, { frame, promise, resolve, timer });
    if (state.connected) this.options.send(frame);
    return promise;
  }

  /** A new connection was welcomed: everything unanswered goes again, under its id. */
  resendAll(): void {
    for (const pending of this.pending.values()) this.options.send(pending.frame);
  }

  /** The feed's answer; a resent command can be answered twice, and the first answer wins. */
  answer(frame: ServerFrameOf<'command.result'>): void {
    const pending = this.pending.get(frame.commandId);
    if (!pending) return;
    this.pending.delete(frame.commandId);
    this.options.clearTimer(pending.timer);
    if (frame.code === 'forbidden') {
      // The feed is the first line: it refused because of who the user is, not the floor's state.
      pending.resolve({ ok: false, code: 'forbidden', reason: `The feed refused this: your role or queue scope does not allow it (${frame.reason ?? 'forbidden'}).` });
      return;
    }
    pending.resolve(frame.reason === undefined ? { ok: frame.ok } : { ok: frame.ok, reason: frame.reason });
  }

  /** Answers every waiting command as not delivered. */
  failAll(reason: string): void {
    for (const [commandId, pending] of this.pending) {
      this.options.clearTimer(pending.timer);
      this.pending.delete(commandId);
      pending.resolve({ ok: false, reason });
    }
  }
}
