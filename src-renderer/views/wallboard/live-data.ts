/**
 * The wallboard's live data (the 'wallboard.live' topic) as the player holds it: agents by id,
 * per-queue minute series, the alert ticker and the leaderboard. A pure reducer keeps unchanged
 * agents by identity, so the agent grid re-renders only the cells that changed; a small vanilla
 * store lets charts read series outside React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentTile, LeaderboardEntry, SeriesPoint, TickerItem, WallboardLiveMessage } from '../../../src-shared/api/wallboard.js';
import { assertNever } from '../../../src-shared/result.js';
import { plainEqual } from '../../store/plain-equal.js';

/** Series cover the last 24 hours (the longest a chart may show). */
export const SERIES_KEEP_MS = 24 * 3_600_000;
/** Enough alerts for any ticker; older ones scroll away. */
export const TICKER_KEEP = 200;

export interface WallboardLiveState {
  /** False until the first snapshot: diffs before it cannot be applied. */
  readonly loaded: boolean;
  readonly asOfSeq: number | null;
  /** Floor time of the last event reflected here. */
  readonly asOfTime: number | null;
  readonly agents: Readonly<Record<string, AgentTile>>;
  /**
   * Bumped when an agent joins or leaves, or changes name or queues: what decides which cells a
   * grid shows and in which order. Status changes do not bump it, so the grid keeps its cells.
   */
  readonly rosterVersion: number;
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
  /** Oldest first. */
  readonly ticker: readonly TickerItem[];
  readonly leaderboard: readonly LeaderboardEntry[];
  /** Why live data cannot be shown (e.g. the subscription was refused); null when fine. */
  readonly error: string | null;
}

export const initialWallboardLiveState: WallboardLiveState = {
  loaded: false,
  asOfSeq: null,
  asOfTime: null,
  agents: {},
  rosterVersion: 0,
  series: {},
  ticker: [],
  leaderboard: [],
  error: null,
};

/**
 * Folds new or revised points into a queue's series, in time order, dropping points before
 * `keepFrom`. A point at the same minute as an existing one replaces it (the running minute is
 * revised until it ends). Returns the same array when nothing changed.
 */
export function mergeSeries(existing: readonly SeriesPoint[], append: readonly SeriesPoint[], keepFrom: number): readonly SeriesPoint[] {
  let points: SeriesPoint[] | null = null;
  const writable = (): SeriesPoint[] => (points ??= [...existing]);
  for (const point of append) {
    if (!Number.isFinite(point.at)) continue;
    const current = points ?? existing;
    const last = current[current.length - 1];
    if (last === undefined || point.at > last.at) {
      writable().push(point);
      continue;
    }
    if (point.at === last.at) {
      if (!plainEqual(last, point)) writable()[current.length - 1] = point;
      continue;
    }
    // Out of order (rare): replace the same minute or insert in place.
    const index = current.findIndex((candidate) => candidate.at >= point.at);
    const found = current[index];
    if (found !== undefined && found.at === point.at) {
      if (!plainEqual(found, point)) writable()[index] = point;
    } else writable().splice(index, 0, point);
  }
  const result = points ?? existing;
  const firstKept = result.findIndex((point) => point.at >= keepFrom);
  if (firstKept === 0) return result;
  if (firstKept === -1) return result.length === 0 ? result : [];
  return result.slice(firstKept);
}

function rosterChanged(previous: AgentTile | undefined, next: AgentTile): boolean {
  return previous === undefined || previous.name !== next.name || !plainEqual(previous.queueIds, next.queueIds);
}

function keepFrom(asOfTime: number): number {
  return asOfTime - SERIES_KEEP_MS;
}

function trimSeries(series: Readonly<Record<string, readonly SeriesPoint[]>>, from: number): Readonly<Record<string, readonly SeriesPoint[]>> {
  let next: Record<string, readonly SeriesPoint[]> | null = null;
  for (const [queueId, points] of Object.entries(series)) {
    const trimmed = mergeSeries(points, [], from);
    if (trimmed !== points) (next ??= { ...series })[queueId] = trimmed;
  }
  return next ?? series;
}

/**
 * Applies a snapshot or a diff. A snapshot replaces everything (one follows every (re)subscribe);
 * a diff applies only on top of a snapshot and never moves the floor position backwards.
 */
export function reduceWallboardLive(state: WallboardLiveState, message: WallboardLiveMessage): WallboardLiveState {
  switch (message.kind) {
    case 'snapshot': {
      const agents: Record<string, AgentTile> = {};
      let roster = Object.keys(state.agents).length !== message.agents.length;
      for (const agent of message.agents) {
        const previous = state.agents[agent.agentId];
        if (rosterChanged(previous, agent)) roster = true;
        agents[agent.agentId] = previous !== undefined && plainEqual(previous, agent) ? previous : agent;
      }
      const from = keepFrom(message.asOfTime);
      const series: Record<string, readonly SeriesPoint[]> = {};
      for (const [queueId, points] of Object.entries(message.series)) {
        const sorted = [...points].sort((left, right) => left.at - right.at);
        const kept = mergeSeries([], sorted, from);
        series[queueId] = plainEqual(state.series[queueId], kept) ? (state.series[queueId] ?? kept) : kept;
      }
      return {
        loaded: true,
        asOfSeq: message.asOfSeq,
        asOfTime: message.asOfTime,
        agents,
        rosterVersion: roster ? state.rosterVersion + 1 : state.rosterVersion,
        series,
        ticker: message.ticker.slice(-TICKER_KEEP),
        leaderboard: plainEqual(state.leaderboard, message.leaderboard) ? state.leaderboard : message.leaderboard,
        error: null,
      };
    }
    case 'diff': {
      if (!state.loaded) return state;
      if (state.asOfSeq !== null && message.asOfSeq < state.asOfSeq) return state;
      let agents: Record<string, AgentTile> | null = null;
      let roster = false;
      for (const agent of message.agentsUpsert) {
        const previous = (agents ?? state.agents)[agent.agentId];
        if (previous !== undefined && plainEqual(previous, agent)) continue;
        if (rosterChanged(previous, agent)) roster = true;
        (agents ??= { ...state.agents })[agent.agentId] = agent;
      }
      for (const agentId of message.agentsRemove) {
        if (!(agentId in (agents ?? state.agents))) continue;
        delete (agents ??= { ...state.agents })[agentId];
        roster = true;
      }
      const from = keepFrom(message.asOfTime);
      let series: Record<string, readonly SeriesPoint[]> | null = null;
      for (const [queueId, points] of Object.entries(message.seriesAppend)) {
        const current = state.series[queueId] ?? [];
        const merged = mergeSeries(current, points, from);
        if (merged !== current || !(queueId in state.series)) (series ??= { ...state.series })[queueId] = merged;
      }
      const ticker = message.tickerAppend.length === 0 ? state.ticker : [...state.ticker, ...message.tickerAppend].slice(-TICKER_KEEP);
      const leaderboard = message.leaderboard === null || plainEqual(state.leaderboard, message.leaderboard) ? state.leaderboard : message.leaderboard;
      return {
        ...state,
        asOfSeq: message.asOfSeq,
        asOfTime: message.asOfTime,
        agents: agents ?? state.agents,
        rosterVersion: roster ? state.rosterVersion + 1 : state.rosterVersion,
        series: trimSeries(series ?? state.series, from),
        ticker,
        leaderboard,
      };
    }
    default:
      return assertNever(message, 'wallboard live message');
  }
}

export interface WallboardLiveActions {
  receive(message: WallboardLiveMessage): void;
  failed(error: string): void;
}

export type WallboardLiveStore = StoreApi<WallboardLiveState & { readonly actions: WallboardLiveActions }>;

/** One store per player: fed by its one subscription, read by tiles through selectors and by charts through `subscribe`. */
export function createWallboardLiveStore(): WallboardLiveStore {
  return createStore<WallboardLiveState & { readonly actions: WallboardLiveActions }>()((set) => ({
    ...initialWallboardLiveState,
    actions: {
      receive: (message) =>
        set((state) => {
          const next = reduceWallboardLive(state, message);
          return next === state ? state : next;
        }),
      // A refusal after data arrived keeps the data on screen (the stale banner speaks); before, the tiles say why.
      failed: (error) => set({ error }),
    },
  }));
}
