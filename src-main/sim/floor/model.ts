/**
 * The floor model assembled: builds the roster and the starting state, runs the agenda (each
 * action handed to the part of the model that owns it), and exposes the public surface (advance,
 * commands, snapshot, and the completed conversations the history generator collects).
 */
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { assertNever } from '../../../src-shared/result.js';
import { createRandom, mixSeed } from '../random.js';
import { createAgenda } from '../scheduler.js';
import { startShift, statusTimer } from './agent-status.js';
import { applySupervisorCommand } from './commands.js';
import { arrivalRate, estimate, scheduleNextArrival } from './demand.js';
import { step } from './dialogue.js';
import { abandon, arrive, survey } from './lifecycle.js';
import { timeOutOffer } from './offers.js';
import { ESTIMATE_INTERVAL_MS } from './pacing.js';
import { consoleUser, createDirectory, personInfo, supervisorCount } from './directory.js';
import { createRoster } from './roster.js';
import { refreshAgent } from './routing.js';
import { configuredEvent, loginEvent, snapshotEvents } from './snapshot.js';
import { schedule } from './state.js';
import type { Action, SimState } from './state.js';
import type { CommandOutcome, FloorModel, FloorModelInternals, FloorOptions } from './types.js';

/** Creates the floor model with the knobs the history generator needs. */
export function createFloorModel(options: FloorOptions, internals: FloorModelInternals): FloorModel {
  const seed = options.seed >>> 0;
  const warmupMs = Math.max(0, options.warmupMs ?? 10 * 60_000);
  const startOfFloor = Math.floor(options.startTime) - warmupMs;
  const arrivalScale = Math.max(0, options.arrivalScale ?? 1);
  const agentCount = Math.max(1, Math.floor(options.agents ?? 64));
  const offRotaCount = Math.max(0, Math.floor(options.directory ?? 0) - agentCount - supervisorCount(agentCount));
  const { queues, agents, offRota } = createRoster(
    createRandom(mixSeed(seed, 1)),
    { queueCount: Math.max(8, Math.floor(options.queues ?? 10)), agentCount, arrivalScale, startOfFloor },
    { random: createRandom(mixSeed(seed, 4)), count: offRotaCount },
  );
  const people = createDirectory(createRandom(mixSeed(seed, 3)), queues, agents, offRota, startOfFloor);
  const state: SimState = {
    settings: {
      arrivalScale,
      voiceTranscripts: options.voiceTranscripts ?? true,
      conversationPrefix: internals.conversationPrefix ?? (options.idTag ? `c-${seed}-${options.idTag}-` : `c-${seed}-`),
      collectCompleted: internals.collectCompleted ?? false,
    },
    random: createRandom(mixSeed(internals.dynamicsSeed ?? seed, 2)),
    agenda: createAgenda<Action>(),
    now: startOfFloor,
    out: [],
    conversationCounter: 0,
    conversations: new Map(),
    recentlyEnded: new Map(),
    alerts: new Map(),
    completed: [],
    queues,
    queuesById: new Map(queues.map((queue) => [queue.id, queue])),
    chatQueues: queues.filter((queue) => queue.channel === 'chat'),
    voiceQueues: queues.filter((queue) => queue.channel === 'voice'),
    agents,
    agentsById: new Map([...agents, ...offRota].map((agent) => [agent.id, agent])),
    people,
    peopleById: new Map(people.map((person) => [person.userId, person])),
    startOfFloor,
  };

  // The floor starts mid-shift: queues configured, agents logged in, some of them on a break.
  const setupOutput: FloorEventInput[] = [];
  for (const queue of queues) setupOutput.push(configuredEvent(queue, state.now));
  for (const agent of agents) {
    setupOutput.push(loginEvent(agent));
    startShift(state, agent);
    setupOutput.push({ type: 'agent.status', time: state.now, agentId: agent.id, kind: agent.kind, reason: agent.reason });
    refreshAgent(agent);
  }
  if (!internals.silentSetup) state.out = setupOutput;
  for (const queue of queues) {
    scheduleNextArrival(state, queue, state.now);
    schedule(state, state.now + state.random.integer(1_000, ESTIMATE_INTERVAL_MS), { kind: 'estimate', queue });
  }

  const advanceTo = (floorTimeMs: number): FloorEventInput[] => {
    const target = Math.floor(floorTimeMs);
    while (state.agenda.peekTime() <= target) {
      const next = state.agenda.peekTime();
      if (next > state.now) state.now = next;
      run(state, state.agenda.pop() as Action);
    }
    if (target > state.now) state.now = target;
    const result = state.out;
    state.out = [];
    return result;
  };

  const applyCommand = (command: FeedCommand, floorTimeMs: number): CommandOutcome => {
    const before = advanceTo(floorTimeMs);
    state.out = before;
    const refusal = applySupervisorCommand(state, command);
    if (refusal !== undefined) {
      // What happened until the command stays in the output, for the next advance.
      state.out = before;
      return { ok: false, reason: refusal };
    }
    const events = state.out;
    state.out = [];
    return { ok: true, events };
  };

  return {
    queues: queues.map((queue) => ({ queueId: queue.id, name: queue.name, channel: queue.channel, timeZone: queue.timeZone })),
    agents: agents.map((agent) => ({ agentId: agent.id, name: agent.name, channel: agent.channel, slots: agent.slots, queueIds: agent.queues.map((queue) => queue.id) })),
    now: () => state.now,
    advanceTo,
    snapshotEvents: (snapshotOptions) => snapshotEvents(state, snapshotOptions),
    applyCommand,
    conversationQueue: (conversationId) => state.conversations.get(conversationId)?.queue.id ?? state.recentlyEnded.get(conversationId)?.queueId ?? null,
    agentQueues: (agentId) => state.agentsById.get(agentId)?.queues.map((queue) => queue.id) ?? null,
    person: (userId) => {
      const person = state.peopleById.get(userId);
      return person ? personInfo(person) : null;
    },
    consoleUsers: () => people.flatMap((person) => consoleUser(person) ?? []),
    takeCompleted: () => {
      const taken = state.completed;
      state.completed = [];
      return taken;
    },
    activeConversationCount: () => state.conversations.size,
    agentRestatement: () =>
      agents
        .filter((agent) => agent.loggedIn)
        .flatMap((agent): FloorEventInput[] => [
          { ...loginEvent(agent), time: state.now },
          { type: 'agent.status', time: state.now, agentId: agent.id, kind: agent.kind, reason: agent.reason },
        ]),
  };
}

/** Runs one agenda action; actions whose conversation or agent has moved on since they were scheduled do nothing. */
function run(state: SimState, action: Action): void {
  switch (action.kind) {
    case 'arrival': {
      const queue = action.queue;
      if (state.random.next() * queue.maxRate < arrivalRate(state, queue, state.now)) arrive(state, queue);
      scheduleNextArrival(state, queue, state.now);
      return;
    }
    case 'step': {
      const conversation = action.conversation;
      if (conversation.version !== action.version || conversation.phase === 'ended') return;
      step(state, conversation);
      return;
    }
    case 'abandon': {
      const conversation = action.conversation;
      if (conversation.version !== action.version || conversation.phase !== 'waiting') return;
      abandon(state, conversation);
      return;
    }
    case 'timeout': {
      const conversation = action.conversation;
      if (conversation.version !== action.version || conversation.phase !== 'offered') return;
      timeOutOffer(state, conversation);
      return;
    }
    case 'survey':
      survey(state, action.conversation);
      return;
    case 'status': {
      const agent = action.agent;
      if (agent.version !== action.version || !agent.loggedIn) return;
      statusTimer(state, agent);
      return;
    }
    case 'estimate':
      estimate(state, action.queue);
      return;
    default:
      assertNever(action, 'floor action');
  }
}
