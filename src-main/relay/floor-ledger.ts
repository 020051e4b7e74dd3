/**
 * The floor ledger: what a floor's single publisher keeps of the canonical events it writes, so it
 * can tag each event with the queues it concerns and, now and then, write a snapshot; and what a
 * relay keeps at the stream's head to check where a command lands (CommandPlaces, demo-users.ts).
 * It works from canonical events alone (the simulator's or a platform adapter's), does no I/O and
 * ignores an event's `seq` (the stream numbers events; a snapshot's events carry none). A source
 * that sums its floor up in a snapshot of its own (the simulator's live events carry no directory
 * or away reasons) is started by applying that snapshot's events like any others; `restore` takes
 * a ledger's own snapshot, tags and all.
 *
 * **Tags.** `apply` tags each event with the queues it concerns, as the floor stands before it. A
 * relay sends an event to a console whose user has a queue scope only when one of its queues is in
 * that scope (`visibleTo`); `null` means the whole floor (every console), `[]` no queue known (only
 * consoles of every queue):
 * - `queue.*`, `alert.updated`, `survey.answered` → `[queueId]`;
 * - `conversation.created`, `queued`, `assigned`, `abandoned` → `[queueId]`; `conversation.transferred`
 *   → `[fromQueueId, toQueueId]`; each also with the conversation's current queue when it is
 *   elsewhere (an event that moves a conversation reaches the consoles of the queue it leaves);
 * - any other `conversation.*` → the conversation's current queue, `[]` when unknown;
 * - `agent.login` and `agent.queues` → the new queueIds ∪ the agent's queues before (a console sees
 *   an agent leave its queue); `agent.status`, `agent.capacity`, `agent.logout` → the agent's
 *   queues, `[]` when unknown. An agent's queues are those of its login, its later `agent.queues`
 *   and profiles while logged in; of an agent not logged in, those of its profile;
 * - `agent.away_reasons` → `null`;
 * - `user.profile` → the person's queueIds ∪ queueScope, new and previous profile (a console sees
 *   someone leave its scope); a scope of every queue (null) adds none, so a supervisor of every
 *   queue is `[]`: only consoles of every queue see them;
 * - any other type (one added to the protocol after this code) → `[]`, and nothing is kept: fail
 *   closed.
 *
 * **Compaction.** `snapshot` lists the events that, applied to an empty state, rebuild the floor as
 * of the last event (the contract of the simulator's snapshot, sim/floor/snapshot.ts, and of the
 * protocol's `snapshot`), each with the tag it had when applied, in the order they arrived, so a
 * later event of each kind still wins and a scoped console's filtered snapshot rebuilds what it
 * would have built live. Kept:
 * - per queue the latest `queue.configured`, `queue.mitigation`, `queue.overflow_rules`,
 *   `queue.estimated_wait`; the latest `agent.away_reasons`; per person the latest `user.profile`;
 * - per logged-in agent its login, its latest `agent.capacity` and `agent.queues` after it, and of
 *   `agent.status` the two latest changes (a status repeating the kind and reason is dropped: the
 *   console keeps the time of the first; the one before the latest makes the latest a change
 *   again, dated by its own time); after an offline status, that status and the one that brought
 *   the agent back (the console logs them in again at its time). A login while logged in
 *   is kept beside the first, replacing earlier capacity and queues. `agent.logout` drops the
 *   agent; so does an offline status of an agent logged in by a status alone. `agent.capacity`
 *   and `agent.queues` of an agent not logged in are not kept (its profile carries them);
 * - per conversation not yet ended or abandoned, all its events; `conversation.ended` and
 *   `abandoned` drop it, and of an ended conversation only its queue is remembered, for the last
 *   50,000 ended since this ledger began (not in its snapshot): a note on it is tagged and checked
 *   by that queue; an older one's queue is unknown;
 * - per alert the latest `alert.updated`, at most 500 (the oldest change is forgotten first), as
 *   the simulator keeps them: the console's reducer ignores them but its alerts area applies a
 *   snapshot's to know what people did (docs/protocol.md, "Alerts");
 * - not `survey.answered`: it counts in today's figures, which a snapshot does not carry.
 *
 * So a snapshot rebuilds, as the console's reducer would from the whole stream: the configured
 * queues, the directory, the away reasons, every agent on shift (status and login times included)
 * and every conversation in progress. Not today's counters, nor an agent off shift beyond their
 * profile: a v1.1 feed sends a profile again whenever someone's queues or slots change
 * (docs/protocol.md, "The directory"). Memory grows with queues, people, agents on shift,
 * conversations in progress and alerts, never with the day (the ended conversations' queues are
 * bounded).
 */
import type { FloorEvent, FloorEventInput, StatusKind } from '../../src-shared/protocol/events.js';
import type { CommandPlaces } from '../sim/demo-users.js';

/** Ended conversations whose queue a ledger remembers. */
const ENDED_MEMORY = 50_000;

/** The queues an event concerns: null = the whole floor (every console sees it); [] = no queue known (only consoles of every queue see it). */
export type EventQueues = readonly string[] | null;

/** One event of a snapshot, with the queues it concerns. */
export interface LedgerEntry {
  readonly event: FloorEventInput;
  readonly queues: EventQueues;
}

/** Alerts whose last change a snapshot repeats, as the simulator keeps them (docs/protocol.md, "Alerts"). */
const ALERTS_KEPT = 500;

type Input<T extends FloorEventInput['type']> = Extract<FloorEventInput, { type: T }>;
type Person = NonNullable<ReturnType<CommandPlaces['person']>>;

/** A kept `agent.status`: its entry, what it says, and whether it logged the agent in (then it stays). */
interface KeptStatus {
  readonly id: number;
  readonly kind: StatusKind;
  readonly reason: string;
  readonly logsIn: boolean;
}

/** What is kept of an agent logged in (ids of entries). */
interface AgentRecord {
  /** The login that opened the stay; undefined when a status logged the agent in. */
  login: number | undefined;
  /** The latest login after it, while logged in. */
  relogin: number | undefined;
  capacity: number | undefined;
  queuesChange: number | undefined;
  /** At most: an offline status, the status that logged the agent in after it, the two latest changes. */
  statuses: KeptStatus[];
  queueIds: readonly string[];
}

interface ConversationRecord {
  queueId: string;
  readonly ids: number[];
}

/** The distinct queues of the lists, in order of first mention. */
function union(...lists: readonly (readonly (string | null | undefined)[] | null | undefined)[]): string[] {
  const queues = new Set<string>();
  for (const list of lists) for (const queueId of list ?? []) if (queueId !== null && queueId !== undefined) queues.add(queueId);
  return [...queues];
}

/** The event without a `seq` it may carry (the stream numbers events; snapshots' carry none). */
function withoutSeq(event: FloorEventInput | FloorEvent): FloorEventInput {
  if (!('seq' in event)) return event;
  const { seq: _seq, ...rest } = event;
  return rest as FloorEventInput;
}

/** Whether a console with this queue scope (null: every queue) may see an event with these queues. */
export function visibleTo(queues: EventQueues, scope: readonly string[] | null): boolean {
  return scope === null || queues === null || queues.some((queueId) => scope.includes(queueId));
}

/** The compacted floor of one stream, with each event's queues (module comment). */
export class FloorLedger implements CommandPlaces {
  /** Every kept entry by id; ids grow with arrival and a Map iterates in insertion order, so this is the snapshot. */
  private readonly kept = new Map<number, LedgerEntry>();
  private nextId = 1;
  /** Latest queue settings and away reasons, by `type queueId` (or type). */
  private readonly settings = new Map<string, number>();
  private readonly profiles = new Map<string, number>();
  private readonly people = new Map<string, Input<'user.profile'>>();
  /** By alertId, the least recently changed first. */
  private readonly alerts = new Map<string, number>();
  private readonly agents = new Map<string, AgentRecord>();
  private readonly conversations = new Map<string, ConversationRecord>();
  /** The last queue of conversations that ended, the latest ENDED_MEMORY of them. */
  private readonly endedQueues = new Map<string, string>();

  /** A ledger rebuilt from a snapshot (then fed the events after it): each entry keeps its queues. */
  static restore(entries: readonly LedgerEntry[]): FloorLedger {
    const ledger = new FloorLedger();
    for (const entry of entries) ledger.keep(withoutSeq(entry.event), entry.queues);
    return ledger;
  }

  /** Tags the event with the queues it concerns, as the floor stands before it, then applies it. */
  apply(event: FloorEventInput): EventQueues {
    const input = withoutSeq(event);
    const queues = this.queuesOf(input);
    this.keep(input, queues);
    return queues;
  }

  /** The compacted floor: events that rebuild it from empty, in an order that applies cleanly, each with the queues it concerns now (a conversation's: the queue it is in; an agent's: the agent's queues). */
  snapshot(): LedgerEntry[] {
    // A snapshot is the floor now: a conversation's events go with the queue it is in, an agent's
    // with the queues the agent works, whatever each event concerned when it came.
    const now = new Map<number, EventQueues>();
    for (const conversation of this.conversations.values()) for (const id of conversation.ids) now.set(id, [conversation.queueId]);
    for (const [agentId, agent] of this.agents) {
      const queues = this.agentQueues(agentId) ?? [];
      for (const id of [agent.login, agent.relogin, agent.capacity, agent.queuesChange, ...agent.statuses.map((status) => status.id)]) if (id !== undefined) now.set(id, queues);
    }
    return [...this.kept].map(([id, entry]) => {
      const queues = now.get(id);
      return queues === undefined ? entry : { event: entry.event, queues };
    });
  }

  /** The queue a conversation is in (or, recently ended, was last in); null when unknown. */
  conversationQueue(conversationId: string): string | null {
    return this.conversations.get(conversationId)?.queueId ?? this.endedQueues.get(conversationId) ?? null;
  }

  /** A logged-in agent's queues; else those of the agent's profile; null when unknown. */
  agentQueues(agentId: string): readonly string[] | null {
    const agent = this.agents.get(agentId);
    if (agent !== undefined) return agent.queueIds;
    const profile = this.people.get(agentId);
    return profile?.kind === 'agent' ? profile.queueIds : null;
  }

  /** A person of the directory, from their latest profile; null when unknown. */
  person(userId: string): Person | null {
    const profile = this.people.get(userId);
    if (profile === undefined) return null;
    return { kind: profile.kind, role: profile.role, queueIds: profile.queueIds, queueScope: profile.queueScope };
  }

  // ---- tags ----

  private queuesOf(event: FloorEventInput): EventQueues {
    switch (event.type) {
      case 'queue.configured':
      case 'queue.mitigation':
      case 'queue.overflow_rules':
      case 'queue.estimated_wait':
      case 'alert.updated':
      case 'survey.answered':
        return [event.queueId];
      case 'agent.away_reasons':
        return null;
      case 'agent.login':
      case 'agent.queues':
        return union(event.queueIds, this.agentQueues(event.agentId));
      case 'agent.status':
      case 'agent.capacity':
      case 'agent.logout':
        return this.agentQueues(event.agentId) ?? [];
      case 'user.profile': {
        const before = this.people.get(event.userId);
        return union(event.queueIds, event.queueScope, before?.queueIds, before?.queueScope);
      }
      case 'conversation.created':
      case 'conversation.queued':
      case 'conversation.assigned':
      case 'conversation.abandoned':
        return union([event.queueId, this.conversationQueue(event.conversationId)]);
      case 'conversation.transferred':
        return union([event.fromQueueId, event.toQueueId, this.conversationQueue(event.conversationId)]);
      case 'conversation.message':
      case 'conversation.delivery_failed':
      case 'conversation.flagged':
      case 'conversation.taken_over':
      case 'conversation.ended':
        return union([this.conversationQueue(event.conversationId)]);
      default:
        // A type this code does not know: only consoles of every queue see it.
        return [];
    }
  }

  // ---- compaction ----

  private keep(event: FloorEventInput, queues: EventQueues): void {
    const entry: LedgerEntry = { event, queues };
    switch (event.type) {
      case 'queue.configured':
      case 'queue.mitigation':
      case 'queue.overflow_rules':
      case 'queue.estimated_wait':
        return this.latest(this.settings, `${event.type} ${event.queueId}`, entry);
      case 'agent.away_reasons':
        return this.latest(this.settings, event.type, entry);
      case 'user.profile':
        this.latest(this.profiles, event.userId, entry);
        this.people.set(event.userId, event);
        if (event.kind === 'agent') this.setAgentQueues(event.userId, event.queueIds);
        return;
      case 'alert.updated':
        this.latest(this.alerts, event.alertId, entry);
        for (const [alertId, id] of this.alerts) {
          if (this.alerts.size <= ALERTS_KEPT) break;
          this.drop(id);
          this.alerts.delete(alertId);
        }
        return;
      case 'agent.login':
        return this.login(event, entry);
      case 'agent.status':
        return this.status(event, entry);
      case 'agent.logout':
        return this.dropAgent(event.agentId);
      case 'agent.capacity': {
        const agent = this.agents.get(event.agentId);
        if (agent !== undefined) agent.capacity = this.replace(agent.capacity, entry);
        return;
      }
      case 'agent.queues': {
        const agent = this.agents.get(event.agentId);
        if (agent !== undefined) agent.queuesChange = this.replace(agent.queuesChange, entry);
        return this.setAgentQueues(event.agentId, event.queueIds);
      }
      case 'conversation.created':
      case 'conversation.queued':
      case 'conversation.assigned':
        return this.conversationEvent(event.conversationId, event.queueId, entry);
      case 'conversation.transferred':
        return this.conversationEvent(event.conversationId, event.toQueueId, entry);
      case 'conversation.message':
      case 'conversation.delivery_failed':
      case 'conversation.flagged':
      case 'conversation.taken_over':
        return this.conversationEvent(event.conversationId, undefined, entry);
      case 'conversation.ended':
      case 'conversation.abandoned':
        return this.dropConversation(event.conversationId);
      case 'survey.answered':
      default:
        return;
    }
  }

  private add(entry: LedgerEntry): number {
    const id = this.nextId;
    this.nextId += 1;
    this.kept.set(id, entry);
    return id;
  }

  private drop(id: number | undefined): void {
    if (id !== undefined) this.kept.delete(id);
  }

  private replace(id: number | undefined, entry: LedgerEntry): number {
    this.drop(id);
    return this.add(entry);
  }

  /** Keeps the entry as the latest of its key, moved to the end of the map. */
  private latest(ids: Map<string, number>, key: string, entry: LedgerEntry): void {
    this.drop(ids.get(key));
    ids.delete(key);
    ids.set(key, this.add(entry));
  }

  private setAgentQueues(agentId: string, queueIds: readonly string[]): void {
    const agent = this.agents.get(agentId);
    if (agent !== undefined) agent.queueIds = union(queueIds);
  }

  private open(agentId: string, queueIds: readonly string[]): AgentRecord {
    const agent: AgentRecord = { login: undefined, relogin: undefined, capacity: undefined, queuesChange: undefined, statuses: [], queueIds: union(queueIds) };
    this.agents.set(agentId, agent);
    return agent;
  }

  private login(event: Input<'agent.login'>, entry: LedgerEntry): void {
    const agent = this.agents.get(event.agentId);
    if (agent === undefined || agent.statuses.at(-1)?.kind === 'offline') {
      // A new stay: what was kept of the agent before says nothing the login does not.
      this.dropAgent(event.agentId);
      this.open(event.agentId, event.queueIds).login = this.add(entry);
      return;
    }
    // Logged in already: the console keeps the stay's start; this login's slots and queues replace earlier ones.
    if (agent.login === undefined) agent.login = this.add(entry);
    else agent.relogin = this.replace(agent.relogin, entry);
    this.drop(agent.capacity);
    this.drop(agent.queuesChange);
    agent.capacity = undefined;
    agent.queuesChange = undefined;
    agent.queueIds = union(event.queueIds);
  }

  private status(event: Input<'agent.status'>, entry: LedgerEntry): void {
    const existing = this.agents.get(event.agentId);
    const last = existing?.statuses.at(-1);
    // The same kind and reason again: the console keeps the time of the first.
    if (last !== undefined && last.kind === event.kind && last.reason === event.reason) return;
    if (event.kind === 'offline') {
      if (existing?.login === undefined) return this.dropAgent(event.agentId);
      this.setStatuses(existing, [{ id: this.add(entry), kind: event.kind, reason: event.reason, logsIn: false }]);
      return;
    }
    const agent = existing ?? this.open(event.agentId, this.people.get(event.agentId)?.queueIds ?? []);
    const logsIn = existing === undefined || last?.kind === 'offline';
    // The change before this one stays too: this one must change the status again when applied, or its time is lost.
    const staying = agent.statuses.filter((status) => status.logsIn || status.kind === 'offline' || status === last);
    this.setStatuses(agent, [...staying, { id: this.add(entry), kind: event.kind, reason: event.reason, logsIn }]);
  }

  private setStatuses(agent: AgentRecord, statuses: KeptStatus[]): void {
    for (const status of agent.statuses) if (!statuses.includes(status)) this.drop(status.id);
    agent.statuses = statuses;
  }

  private dropAgent(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return;
    for (const id of [agent.login, agent.relogin, agent.capacity, agent.queuesChange]) this.drop(id);
    this.setStatuses(agent, []);
    this.agents.delete(agentId);
  }

  /** Keeps an event of a conversation in progress; `queueId`: where it puts the conversation (an unknown one only so). */
  private conversationEvent(conversationId: string, queueId: string | undefined, entry: LedgerEntry): void {
    let conversation = this.conversations.get(conversationId);
    if (conversation === undefined) {
      // The console ignores such an event of a conversation it does not know.
      if (queueId === undefined) return;
      conversation = { queueId, ids: [] };
      this.conversations.set(conversationId, conversation);
    }
    if (queueId !== undefined) conversation.queueId = queueId;
    conversation.ids.push(this.add(entry));
  }

  private dropConversation(conversationId: string): void {
    const conversation = this.conversations.get(conversationId);
    if (conversation === undefined) return;
    for (const id of conversation.ids) this.drop(id);
    this.conversations.delete(conversationId);
    this.endedQueues.set(conversationId, conversation.queueId);
    if (this.endedQueues.size > ENDED_MEMORY) {
      const oldest = this.endedQueues.keys().next().value;
      if (oldest !== undefined) this.endedQueues.delete(oldest);
    }
  }
}
