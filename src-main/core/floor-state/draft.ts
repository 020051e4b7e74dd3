/**
 * The reducer's copy-on-write draft: a batch works on layered copies of the maps it writes to
 * (layered-map.ts) and on entities copied the first time it changes them; later changes in the
 * same batch edit those copies in place, so the input state is never mutated and a batch costs
 * what it touches, never O(all agents).
 */
import { LayeredMapEdit, LayeredSetEdit } from './layered-map.js';
import { carryTallies } from './queue-tally.js';
import type { AgentState, ConversationState, DirectoryEntry, LiveState, QueueState, TodayCounters } from './state.js';

/** An entity the current batch owns and may change in place. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A map edited through a layered copy on the batch's first write (layered-map.ts: the batch pays
 * for what it touches, not for the map); entities copied on their first change in the batch.
 */
export class DraftMap<V extends object> {
  private edits: LayeredMapEdit<V> | null = null;
  private readonly owned = new Set<V>();
  /** Each key this batch wrote, with its value before the batch (undefined: absent): what queue-tally.ts carries. */
  readonly before = new Map<string, V | undefined>();

  constructor(private readonly base: ReadonlyMap<string, V>) {}

  get(key: string): V | undefined {
    return (this.edits ?? this.base).get(key);
  }

  /** A version of the entity this batch may change in place, or undefined when absent. */
  edit(key: string): Mutable<V> | undefined {
    const current = this.get(key);
    if (current === undefined) return undefined;
    if (this.owned.has(current)) return current as Mutable<V>;
    const copy = { ...current };
    this.insert(key, copy);
    return copy as Mutable<V>;
  }

  insert(key: string, value: V): Mutable<V> {
    this.owned.add(value);
    this.noteBefore(key);
    this.writable().set(key, value);
    return value as Mutable<V>;
  }

  delete(key: string): void {
    if (!(this.edits ?? this.base).has(key)) return;
    this.noteBefore(key);
    this.writable().delete(key);
  }

  result(): ReadonlyMap<string, V> {
    return this.edits?.finish() ?? this.base;
  }

  private noteBefore(key: string): void {
    if (!this.before.has(key)) this.before.set(key, this.base.get(key));
  }

  private writable(): LayeredMapEdit<V> {
    this.edits ??= LayeredMapEdit.of(this.base);
    return this.edits;
  }
}

/** A key → set index with the same copy-once-per-batch rule for the map and for each set. */
class DraftIndex {
  private readonly map: DraftMapOfSets;

  constructor(base: ReadonlyMap<string, ReadonlySet<string>>) {
    this.map = new DraftMapOfSets(base);
  }

  add(key: string, member: string): void {
    const members = this.map.get(key);
    if (members?.has(member)) return;
    this.map.editSet(key).add(member);
  }

  remove(key: string, member: string): void {
    const members = this.map.get(key);
    if (!members?.has(member)) return;
    if (members.size === 1) {
      this.map.delete(key);
      return;
    }
    this.map.editSet(key).delete(member);
  }

  result(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.map.result();
  }
}

/** The index's map copied on the batch's first write (it has a key per queue); each set edited through a layered copy. */
class DraftMapOfSets {
  private copy: Map<string, ReadonlySet<string> | LayeredSetEdit> | null = null;

  constructor(private readonly base: ReadonlyMap<string, ReadonlySet<string>>) {}

  get(key: string): ReadonlySet<string> | LayeredSetEdit | undefined {
    return (this.copy ?? this.base).get(key);
  }

  editSet(key: string): LayeredSetEdit {
    const current = this.get(key);
    // The copy holds only this batch's edits, so an edit found there is this batch's own.
    if (current instanceof LayeredSetEdit) return current;
    const edit = LayeredSetEdit.of(current ?? new Set<string>());
    this.writable().set(key, edit);
    return edit;
  }

  delete(key: string): void {
    if ((this.copy ?? this.base).has(key)) this.writable().delete(key);
  }

  result(): ReadonlyMap<string, ReadonlySet<string>> {
    if (this.copy === null) return this.base;
    const result = new Map<string, ReadonlySet<string>>();
    for (const [key, members] of this.copy) result.set(key, members instanceof LayeredSetEdit ? members.finish() : members);
    return result;
  }

  private writable(): Map<string, ReadonlySet<string> | LayeredSetEdit> {
    if (this.copy === null) this.copy = new Map(this.base);
    return this.copy;
  }
}

/** One batch's working copy of the live state: every map and index copied on first write. */
export class Draft {
  readonly queues: DraftMap<QueueState>;
  readonly agents: DraftMap<AgentState>;
  readonly conversations: DraftMap<ConversationState>;
  readonly today: DraftMap<TodayCounters>;
  readonly conversationsByQueue: DraftIndex;
  readonly agentsByQueue: DraftIndex;
  readonly directory: DraftMap<DirectoryEntry>;
  awayReasons: readonly string[];
  readonly changedQueues = new Set<string>();
  private readonly observedSince: number;

  constructor(private readonly base: LiveState) {
    this.observedSince = base.observedSince;
    this.queues = new DraftMap(base.queues);
    this.agents = new DraftMap(base.agents);
    this.conversations = new DraftMap(base.conversations);
    this.today = new DraftMap(base.today);
    this.conversationsByQueue = new DraftIndex(base.conversationsByQueue);
    this.agentsByQueue = new DraftIndex(base.agentsByQueue);
    this.directory = new DraftMap(base.directory);
    this.awayReasons = base.awayReasons;
  }

  /** The batch's version; the base's running sums, if it has any, are carried to it (queue-tally.ts). */
  finish(lastSeq: number, lastEventTime: number): LiveState {
    const next: LiveState = {
      queues: this.queues.result(),
      agents: this.agents.result(),
      conversations: this.conversations.result(),
      today: this.today.result(),
      conversationsByQueue: this.conversationsByQueue.result(),
      agentsByQueue: this.agentsByQueue.result(),
      directory: this.directory.result(),
      awayReasons: this.awayReasons,
      lastSeq,
      lastEventTime,
      observedSince: this.observedSince,
    };
    carryTallies(this.base, next, this.conversations, this.agents);
    return next;
  }

  /** Sets an agent's queues and keeps the membership index and the changed queues in step. */
  setAgentQueues(agent: Mutable<AgentState>, queueIds: readonly string[]): void {
    const next = [...new Set(queueIds)];
    const nextSet = new Set(next);
    for (const queueId of agent.queueIds) {
      if (!nextSet.has(queueId)) this.agentsByQueue.remove(queueId, agent.agentId);
      this.changedQueues.add(queueId);
    }
    for (const queueId of next) {
      this.agentsByQueue.add(queueId, agent.agentId);
      this.changedQueues.add(queueId);
    }
    agent.queueIds = next;
  }

  markAgentQueues(agent: AgentState): void {
    for (const queueId of agent.queueIds) this.changedQueues.add(queueId);
  }
}
