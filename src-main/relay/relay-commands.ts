/**
 * A console's command through the relay (docs/relay.md, "Commands"): checked against the user's
 * role and queue scope where the floor stands now (the relay's ledger), then published to the
 * floor's commands stream with a message id made of the user and the `commandId`, so a retry, sent
 * through this relay or another, is stored and carried out once. The answer is read from the
 * results bucket, where the floor's source writes it; a retry of an answered command gets the same
 * answer at once.
 *
 * The audit head a command carries is kept per user in the anchors bucket (the highest `auditId`
 * wins, written with the bucket's revision check so two relays cannot move it back) and returned in
 * the user's next welcome, from whichever relay.
 */
import type { AuditHead, FeedCommand, FeedUser, ServerFrame } from '../../src-shared/protocol/frames.js';
import { forbiddenReason } from '../sim/demo-users.js';
import type { CommandAnswer, LoggedCommand } from './feed-bridge.js';
import { commandKey, userKey } from './floor-log.js';
import type { FloorLog } from './floor-log.js';
import type { FloorLedger } from './floor-ledger.js';
import type { SourceInfo } from './publisher.js';

/** How long a relay waits for an answer before leaving the command to the console's next retry. */
const ANSWER_PATIENCE_MS = 30_000;
const ANSWER_POLL_MS = 25;
const SOURCE_INFO_TTL_MS = 5_000;

/**
 * The floor's source carries commands out with the publisher's rights, not the user's, so the
 * relay's check is the only one that knows the user: for a scoped user, a conversation or agent
 * whose queue the relay does not know is refused rather than left to the floor.
 */
function unknownPlace(user: FeedUser, command: FeedCommand, ledger: FloorLedger): string | null {
  if (user.queueScope === null) return null;
  if ('conversationId' in command && ledger.conversationQueue(command.conversationId) === null) {
    return `${user.userId} may not act on conversation ${command.conversationId}: its queue is not known here, so it cannot be shown to be inside the user's queue scope`;
  }
  if ('agentId' in command && ledger.agentQueues(command.agentId) === null) {
    return `${user.userId} may not act on agent ${command.agentId}: the agent's queues are not known here, so they cannot be shown to meet the user's queue scope`;
  }
  return null;
}

export class RelayCommands {
  private sourceInfo: { info: SourceInfo | null; readAt: number } = { info: null, readAt: 0 };

  constructor(
    private readonly log: FloorLog,
    private readonly ledger: () => FloorLedger,
  ) {}

  /** The `command.result` frame for this command, or null when no answer came in time (the console sends it again). */
  async run(user: FeedUser, commandId: string, command: FeedCommand, auditHead: AuditHead | undefined): Promise<ServerFrame | null> {
    if (auditHead !== undefined) await this.keepAnchor(user.userId, auditHead).catch(() => undefined);
    const forbidden = forbiddenReason(user, command, this.ledger()) ?? unknownPlace(user, command, this.ledger());
    if (forbidden !== null) return { type: 'command.result', commandId, ok: false, code: 'forbidden', reason: forbidden };
    const source = await this.source();
    if (source !== null && !source.commands) return { type: 'command.result', commandId, ok: false, reason: `this floor's source (${source.name}) takes no commands from consoles` };
    const key = commandKey(user.userId, commandId);
    let answer = await this.answer(key);
    if (answer === null) {
      const logged: LoggedCommand = { key, userId: user.userId, commandId, command };
      await this.log.js.publish(this.log.names.commandsSubject, JSON.stringify(logged), { msgID: key });
      const until = Date.now() + ANSWER_PATIENCE_MS;
      while (answer === null && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, ANSWER_POLL_MS));
        answer = await this.answer(key);
      }
    }
    if (answer === null) return null;
    return answer.ok ? { type: 'command.result', commandId, ok: true } : { type: 'command.result', commandId, ok: false, ...(answer.reason === undefined ? {} : { reason: answer.reason }), ...(answer.code === undefined ? {} : { code: answer.code }) };
  }

  /** The user's audit anchor, or null. */
  async anchor(userId: string): Promise<AuditHead | null> {
    const entry = await this.log.anchors.get(userKey(userId));
    if (entry === null || entry.operation !== 'PUT') return null;
    return entry.json<AuditHead>();
  }

  private async keepAnchor(userId: string, head: AuditHead): Promise<void> {
    const key = userKey(userId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const entry = await this.log.anchors.get(key);
      const kept = entry?.operation === 'PUT' ? entry.json<AuditHead>() : null;
      // A retried older command must not move the anchor back.
      if (kept !== null && kept.auditId > head.auditId) return;
      try {
        if (entry === null || entry.operation !== 'PUT') await this.log.anchors.create(key, JSON.stringify(head));
        else await this.log.anchors.update(key, JSON.stringify(head), entry.revision);
        return;
      } catch {
        // Another relay wrote first: read again.
      }
    }
  }

  private async answer(key: string): Promise<CommandAnswer | null> {
    const entry = await this.log.results.get(key);
    return entry !== null && entry.operation === 'PUT' ? entry.json<CommandAnswer>() : null;
  }

  private async source(): Promise<SourceInfo | null> {
    if (Date.now() - this.sourceInfo.readAt > SOURCE_INFO_TTL_MS) {
      const entry = await this.log.source.get('info').catch(() => null);
      this.sourceInfo = { info: entry?.operation === 'PUT' ? entry.json<SourceInfo>() : null, readAt: Date.now() };
    }
    return this.sourceInfo.info;
  }
}
