/**
 * Who is on the floor: the queues (from the catalog's templates) and the agents (names, teams,
 * locations, channels, concurrent slots, queue memberships), and each queue's arrival rate sized
 * from its staffing; also the directory's agents who are not on today's rota. All drawn from the roster's own generator, so the same seed gives the same
 * floor whatever the dynamics' seed.
 */
import { createHoursClock } from '../../../src-shared/business-hours.js';
import type { Channel } from '../../../src-shared/protocol/events.js';
import {
  AVAILABLE_REASON,
  FIRST_NAMES,
  INTENTS,
  LAST_NAMES,
  LOCATIONS,
  QUEUE_TEMPLATES,
  TEAM_NAMES,
  businessHoursFor,
  thresholdsFor,
} from '../catalog.js';
import type { Random } from '../random.js';
import { createZoneClock } from '../zone-clock.js';
import { escalatedShareOf } from './bot.js';
import { AVAILABILITY, CHAT_MEAN_HANDLE, MAX_SLOTS, PEAK_LOAD, VOICE_MEAN_HANDLE } from './pacing.js';
import type { AgentState, QueueState } from './state.js';

export interface RosterOptions {
  readonly queueCount: number;
  readonly agentCount: number;
  readonly arrivalScale: number;
  /** Floor time at which queues are configured and agents log in. */
  readonly startOfFloor: number;
}

export interface Roster {
  readonly queues: QueueState[];
  /** Today's rota. */
  readonly agents: AgentState[];
  /** The directory's other agents (offOptions.count of them): off the rota, never logged in. */
  readonly offRota: AgentState[];
}

/** The directory's agents beyond the rota, drawn from their own generator. */
export interface OffRotaOptions {
  readonly random: Random;
  readonly count: number;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Builds the floor's queues and agents, with arrival rates sized so the floor is as busy as its agents can handle at the peak. */
export function createRoster(roster: Random, options: RosterOptions, offOptions?: OffRotaOptions): Roster {
  const queues = createQueues(roster, options);
  const { agents, drawing } = createAgents(roster, queues, options);
  sizeArrivalRates(queues, options.arrivalScale);
  // Drawn after the rates are sized: agents off the rota add nothing to a queue's traffic.
  const offRota = offOptions && offOptions.count > 0 ? createOffRotaAgents(offOptions.random, queues, options, drawing, offOptions.count) : [];
  return { queues, agents, offRota };
}

function createQueues(roster: Random, options: RosterOptions): QueueState[] {
  const { queueCount, startOfFloor } = options;
  const queues: QueueState[] = [];
  for (let index = 0; index < queueCount; index++) {
    const template = QUEUE_TEMPLATES[index % QUEUE_TEMPLATES.length];
    if (!template) throw new Error('queue catalog is empty');
    const round = Math.floor(index / QUEUE_TEMPLATES.length);
    const businessHours = businessHoursFor(template.hours);
    queues.push({
      id: round === 0 ? `q-${template.key}` : `q-${template.key}-${round + 1}`,
      name: round === 0 ? template.name : `${template.name} ${round + 1}`,
      channel: template.channel,
      timeZone: template.timeZone,
      serviceLevelTargetSec: template.channel === 'chat' ? 60 : 20,
      thresholds: thresholdsFor(template.channel, 0),
      businessHours,
      thresholdsFixed: false,
      hoursClock: createHoursClock(businessHours, template.timeZone),
      presetGroups: [template.presetGroup],
      intents: template.intents.map((name) => {
        const intent = INTENTS[name];
        if (!intent) throw new Error(`unknown intent ${name}`);
        return intent;
      }),
      demand: template.demand,
      clock: createZoneClock(template.timeZone),
      configuredAt: startOfFloor,
      baseRate: 0,
      maxRate: 0,
      surgeAmplitude: 0.15 + roster.next() * 0.2,
      surgePeriodMs: (20 + roster.next() * 30) * 60_000,
      surgePhase: roster.next() * 2 * Math.PI,
      mitigation: 'normal',
      mitigationMessage: undefined,
      mitigationAt: startOfFloor,
      overflowRules: [],
      overflowAt: startOfFloor,
      waiting: new Set(),
      free: Array.from({ length: MAX_SLOTS }, () => new Set<AgentState>()),
      members: [],
      estimatedWait: 0,
      estimatedWaitAt: startOfFloor,
    });
  }
  return queues;
}

/** How agents are drawn: the same for today's rota and for the directory's agents off it. */
interface AgentDrawing {
  readonly chatQueues: readonly QueueState[];
  readonly voiceQueues: readonly QueueState[];
  readonly nameOffset: number;
  readonly idWidth: number;
  readonly teamWidth: number;
  readonly teamLocations: string[];
  readonly startOfFloor: number;
}

function drawingFor(roster: Random, queues: readonly QueueState[], agentCount: number, startOfFloor: number): AgentDrawing {
  return {
    chatQueues: queues.filter((queue) => queue.channel === 'chat'),
    voiceQueues: queues.filter((queue) => queue.channel === 'voice'),
    nameOffset: roster.integer(0, FIRST_NAMES.length - 1),
    idWidth: Math.max(3, String(agentCount).length),
    teamWidth: Math.max(2, String(Math.ceil(agentCount / 8)).length),
    teamLocations: [],
    startOfFloor,
  };
}

/** One agent: the index fixes the id, the team (eight a team) and the name; the rest is drawn. */
function drawAgent(roster: Random, drawing: AgentDrawing, index: number, channel: Channel, indexInChannel: number): AgentState {
  const channelQueues = channel === 'chat' ? drawing.chatQueues : drawing.voiceQueues;
  const teamIndex = Math.floor(index / 8);
  const teamName = `${TEAM_NAMES[teamIndex % TEAM_NAMES.length]}${teamIndex >= TEAM_NAMES.length ? ` ${Math.floor(teamIndex / TEAM_NAMES.length) + 1}` : ''}`;
  let location = drawing.teamLocations[teamIndex];
  if (location === undefined) {
    location = roster.pick(LOCATIONS);
    drawing.teamLocations[teamIndex] = location;
  }
  const memberOf: QueueState[] = [channelQueues[indexInChannel % channelQueues.length] as QueueState];
  const extra = roster.weightedIndex([0.4, 0.45, 0.15]);
  for (let attempt = 0; attempt < 6 && memberOf.length < 1 + extra && memberOf.length < channelQueues.length; attempt++) {
    const candidate = roster.pick(channelQueues);
    if (!memberOf.includes(candidate)) memberOf.push(candidate);
  }
  const { nameOffset } = drawing;
  const firstName = FIRST_NAMES[(index + nameOffset) % FIRST_NAMES.length] as string;
  const lastName = LAST_NAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length) + nameOffset) % LAST_NAMES.length] as string;
  const agent: AgentState = {
    id: `a-${pad(index + 1, drawing.idWidth)}`,
    name: `${firstName} ${lastName}`,
    firstName,
    teamId: `t-${pad(teamIndex + 1, drawing.teamWidth)}`,
    teamName,
    location,
    channel,
    slots: channel === 'chat' ? 2 + roster.weightedIndex([0.2, 0.4, 0.4]) : 1,
    queues: memberOf,
    loggedIn: true,
    loginAt: drawing.startOfFloor,
    kind: 'available',
    reason: AVAILABLE_REASON,
    statusSince: drawing.startOfFloor,
    active: new Set(),
    bucket: -1,
    version: 0,
  };
  for (const queue of memberOf) queue.members.push(agent);
  return agent;
}

function createAgents(roster: Random, queues: readonly QueueState[], options: RosterOptions): { agents: AgentState[]; drawing: AgentDrawing } {
  const { agentCount, startOfFloor } = options;
  const drawing = drawingFor(roster, queues, agentCount, startOfFloor);
  const agents: AgentState[] = [];
  let chatAgentCount = Math.round((agentCount * drawing.chatQueues.length) / queues.length);
  if (agentCount >= 2) chatAgentCount = Math.min(agentCount - 1, Math.max(1, chatAgentCount));
  for (let index = 0; index < agentCount; index++) {
    const channel: Channel = index < chatAgentCount ? 'chat' : 'voice';
    agents.push(drawAgent(roster, drawing, index, channel, channel === 'chat' ? index : index - chatAgentCount));
  }
  return { agents, drawing };
}

/**
 * The directory's agents who are not on today's rota: drawn like the rota (teams of eight,
 * locations, queues of one channel, slots), numbered after it, from their own generator so the
 * rota and the floor's dynamics stay the same whatever the directory's size. They never log in.
 */
function createOffRotaAgents(random: Random, queues: readonly QueueState[], rota: RosterOptions, drawing: AgentDrawing, count: number): AgentState[] {
  const chatShare = drawing.chatQueues.length / queues.length;
  const offRota = { ...drawing, teamLocations: [...drawing.teamLocations] };
  const agents: AgentState[] = [];
  let chat = 0;
  let voice = 0;
  for (let offset = 0; offset < count; offset++) {
    const channel: Channel = random.next() < chatShare ? 'chat' : 'voice';
    const agent = drawAgent(random, offRota, rota.agentCount + offset, channel, channel === 'chat' ? chat++ : voice++);
    agent.loggedIn = false;
    agent.kind = 'offline';
    agent.reason = 'Offline';
    agents.push(agent);
  }
  return agents;
}

/**
 * Arrival rates follow staffing: the floor is as busy as its agents can handle at the peak. Sized
 * once, from today's rota: a later change of an agent's queues or slots moves capacity, not
 * customers, as on a real floor; thresholds a supervisor set (thresholdsFixed) are kept.
 */
function sizeArrivalRates(queues: readonly QueueState[], arrivalScale: number): void {
  for (const queue of queues) {
    let slotShare = 0;
    for (const agent of queue.members) slotShare += agent.slots / agent.queues.length;
    const meanHandle = queue.channel === 'chat' ? CHAT_MEAN_HANDLE : VOICE_MEAN_HANDLE;
    // The bot settles part of the chat demand alone: more customers arrive for the same agent load.
    const reachesAgents = queue.channel === 'chat' ? escalatedShareOf(queue.intents) : 1;
    queue.baseRate = (queue.demand * PEAK_LOAD * AVAILABILITY * slotShare) / meanHandle / reachesAgents;
    queue.maxRate = queue.baseRate * (1 + queue.surgeAmplitude) * arrivalScale;
    if (!queue.thresholdsFixed) queue.thresholds = thresholdsFor(queue.channel, queue.members.length);
  }
}
