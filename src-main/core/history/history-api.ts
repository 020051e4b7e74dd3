/**
 * The Conversation Manager's part of the API (src-shared/api/history.ts): search, transcripts,
 * notes, saved searches, downloads, retention and backfill over the local cache. Everything here
 * works with no feed; the feed is only needed to send notes (they wait) and to backfill.
 */
import { join } from 'node:path';
import type { FilterOptions } from '../../../src-shared/api/history.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { ok } from '../../../src-shared/result.js';
import type { ApiAreas } from '../api/api-service.js';
import type { Access } from '../api/session.js';
import type { CoreContext } from '../core-context.js';
import { auditExport } from './export-audit.js';
import { ExportService, type ExportStart } from './exports.js';
import { MetricsWriter } from './metrics.js';
import { NotesService } from './notes.js';
import { RetentionService } from './retention.js';
import { SavedSearches } from './saved-searches.js';
import { createHistoryLookups } from './lookups.js';
import { HistorySearcher } from './search.js';
import { createSearchPool, defaultPoolSize, type SearchPool } from './search-pool.js';
import { TranscriptReader } from './transcript.js';
import { AgentTimePacer } from './agent-time-pacer.js';
import { FactsPacer } from './facts-pacer.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A disconnection longer than this is followed by a backfill of the span missed. */
export const OUTAGE_BACKFILL_AFTER_MS = HOUR_MS;
/** The backfill after an outage starts this much before the last event heard, to cover stragglers. */
const OUTAGE_OVERLAP_MS = 5 * 60_000;
export const BACKFILL_MAX_EVENTS = 5_000_000;
/** Background work per slice (metrics pass) before yielding to the event loop. */
const SLICE_BUDGET_MS = 10;
const METRICS_SCAN = 200;
/** A backfill's finished conversations whose search facts are stored in one transaction. */
const FINISHED_CHUNK = 32;
/** The retention prune runs again this often, so a console left open for weeks stays within it. */
const PRUNE_EVERY_MS = 6 * HOUR_MS;

/** Removes and returns the first `count` members of `set` (insertion order). */
function takeOldest<T>(set: Set<T>, count: number): T[] {
  const taken: T[] = [];
  for (const member of set) {
    if (taken.length === count) break;
    taken.push(member);
  }
  for (const member of taken) set.delete(member);
  return taken;
}

export interface HistoryApiOptions {
  /** Wall clock for notes, saved searches and export names (defaults to Date.now). */
  readonly now?: () => number;
  /** Starts the background work (metrics pass, first prune) at once; default true. */
  readonly background?: boolean;
  /**
   * Worker threads that run searches, each with a read-only connection (default: the pool's size
   * for this machine). 0 runs them on the calling thread: for a ':memory:' store, which no other
   * thread can open, and for tests of what a search finds rather than where it runs.
   */
  readonly searchWorkers?: number;
  /** A search's deadline in ms (default SEARCH_DEADLINE_MS). */
  readonly searchDeadlineMs?: number;
  /** Path of a better_sqlite3.node built for the running runtime, for the workers' connections. */
  readonly nativeBinding?: string;
  /** The workers' script (tests); default the one built beside the core. */
  readonly searchWorkerUrl?: URL;
  /** The WAL's reader gate (store/wal-reader-gate.ts), honoured by the workers before each read. */
  readonly walReaderGate?: SharedArrayBuffer;
  /** Monotonic clock of the background work's slices and pacing, ms (default performance.now; tests: one they move). */
  readonly clock?: () => number;
}

type HistoryHandlers = ApiAreas['history'];

export interface HistoryArea extends HistoryHandlers {
  /** Test and benchmark hooks: settle background work. */
  readonly internals: {
    readonly retention: RetentionService;
    readonly notes: NotesService;
    readonly exports: ExportService;
    /** Resolves when the metrics pass is complete. */
    metricsIdle(): Promise<void>;
  };
}

export function createHistoryApi(context: CoreContext, options: HistoryApiOptions = {}): HistoryArea {
  const now = options.now ?? Date.now;
  const clock = options.clock ?? ((): number => performance.now());
  const { searcher, notes, transcripts, saved, metrics, lookups } = context.store.repository((connection) => {
    const notes = new NotesService({ db: connection, feed: context.feed, now });
    return {
      searcher: new HistorySearcher(connection),
      notes,
      transcripts: new TranscriptReader(connection, notes),
      saved: new SavedSearches(connection, now),
      metrics: new MetricsWriter(connection),
      lookups: createHistoryLookups(connection),
    };
  });
  const workers = context.store.path === ':memory:' ? 0 : (options.searchWorkers ?? defaultPoolSize());
  const pool: SearchPool | null =
    workers === 0
      ? null
      : createSearchPool({
          path: context.store.path,
          size: workers,
          ...(options.searchDeadlineMs === undefined ? {} : { deadlineMs: options.searchDeadlineMs }),
          ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
          ...(options.searchWorkerUrl === undefined ? {} : { workerUrl: options.searchWorkerUrl }),
          ...(options.walReaderGate === undefined ? {} : { walReaderGate: options.walReaderGate }),
        });
  const retention = new RetentionService({
    store: context.store,
    dbPath: join(context.dataDir, 'floorwatch.db'),
    now: context.floorNow,
    lastEventAt: () => context.feed.status().lastEventAt,
  });
  const exports = new ExportService({
    dataDir: context.dataDir,
    now,
    sources: {
      conversationIds: (scope, search, max) => searcher.conversationIds(scope, search, max),
      inScope: (scope, conversationIds) => lookups.readableOf(scope, conversationIds),
      transcript: (scope, conversationId) => transcripts.read(scope, conversationId),
      timeZoneOf: (queueId) => lookups.timeZoneOf(queueId) ?? 'UTC',
    },
  });

  // ---- background: figures of finished conversations, intents for the filter options ----
  const intents = new Set<string>(lookups.recentIntents());
  const finishedSoon = new Set<string>();
  // A backfill's finished conversations: their search facts now, the rest by the pass after it.
  const searchableSoon = new Set<string>();
  let pass: { after: string } | null = null;
  let passAgain = false;
  // Historical Insights' agent-time sums have a step left (a cache being built, status changes to sum).
  let agentTimeDue = true;
  const agentTimePacer = new AgentTimePacer(clock);
  const factsPacer = new FactsPacer(clock);
  let wakeTimer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;
  // While the feed is busy a turn takes one slice: facts and agent-time steps take turns when both are due.
  let agentTimeTurn = false;
  let scheduled = false;
  let closed = false;
  const idleListeners = new Set<() => void>();

  const runMetrics = (): void => {
    scheduled = false;
    if (closed || !lookups.isOpen()) return;
    const started = clock();
    let factsWait = 0;
    let factsStepped = false;
    const factsYield = agentTimeTurn && factsPacer.busy();
    agentTimeTurn = false;
    try {
      // Small transactions until the slice's budget is spent, oldest first; while the feed is busy
      // they are gathered for a while, then done in small slices, one a turn (facts-pacer.ts).
      factsWait = finishedSoon.size > 0 && !factsYield ? factsPacer.waitMs() : 0;
      if (factsWait > 0) wakeAfter(factsWait);
      else if (finishedSoon.size > 0 && !factsYield) {
        const slice = factsPacer.slice();
        factsStepped = true;
        do metrics.computeFor(takeOldest(finishedSoon, slice.chunk), now());
        while (finishedSoon.size > 0 && clock() - started < slice.budgetMs);
        if (finishedSoon.size === 0) factsPacer.caughtUp();
      }
      // All that a backfill made due, whatever the budget: its frames are stored one after the
      // other with a single slice between them, so a share of the budget would fall behind by
      // thousands of conversations (measured, docs/decisions/0051). A frame brings a few hundred.
      while (searchableSoon.size > 0) metrics.computeSearchFactsFor(takeOldest(searchableSoon, FINISHED_CHUNK), now());
      while (pass && clock() - started < SLICE_BUDGET_MS) {
        const step = metrics.step(pass.after, METRICS_SCAN, now());
        for (const intent of step.intents) if (intent !== '') intents.add(intent);
        if (step.done || step.after === null) {
          pass = passAgain ? { after: '' } : null;
          passAgain = false;
        } else {
          pass.after = step.after;
        }
      }
    } catch (error) {
      console.error('[history] computing conversation figures failed:', error);
      pass = null;
      // As before, what was due is dropped rather than retried at every turn (a full disk would
      // fail each): a backfill's are covered by the pass after it, the next pass covers the rest.
      finishedSoon.clear();
      searchableSoon.clear();
    }
    // While the feed is busy, after a facts slice the agent-time step (when due now) takes the next turn.
    const agentTimeYields = factsStepped && factsPacer.busy();
    const agentTimeWait = agentTimeYields ? 0 : agentTimePacer.waitMs();
    if (agentTimeYields) agentTimeTurn = agentTimeDue && agentTimePacer.waitMs() === 0;
    else if (agentTimeWait > 0) deferAgentTime(agentTimeWait);
    else {
      try {
        agentTimeDue = !metrics.sumAgentTime(agentTimePacer.stepBudget());
        if (!agentTimeDue) agentTimePacer.caughtUp();
      } catch (error) {
        console.error('[history] summing agent time failed:', error);
        agentTimeDue = false;
      }
    }
    if (pass || (finishedSoon.size > 0 && factsWait === 0) || searchableSoon.size > 0 || (agentTimeDue && agentTimeWait === 0)) schedule();
    else if (!agentTimeDue && finishedSoon.size === 0) {
      for (const listener of idleListeners) listener();
      idleListeners.clear();
    }
  };
  /** The agent-time pass waits while the feed is busy (agent-time-pacer.ts): a turn is taken for it when its wait is over. */
  const deferAgentTime = (wait: number): void => {
    // Finished conversations may have made quarters dirty since its last step: it has work.
    agentTimeDue = true;
    wakeAfter(wait);
  };
  /** A turn is taken for the background work in `wait` ms (or sooner, when a wake is due sooner). */
  const wakeAfter = (wait: number): void => {
    const at = clock() + wait;
    if (wakeTimer !== null && wakeAt <= at) return;
    if (wakeTimer !== null) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      wakeAt = Infinity;
      schedule();
    }, wait);
    wakeTimer.unref?.();
  };
  const schedule = (): void => {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(runMetrics);
  };
  const startPass = (): void => {
    if (pass) passAgain = true;
    else pass = { after: '' };
    schedule();
  };

  /** Conversations whose facts are (again) due, from events the store has just stored. */
  const noteFinished = (event: FloorEvent, due: Set<string>): void => {
    // A survey comes after the end: computing the facts again takes its rating in.
    if (event.type === 'conversation.ended' || event.type === 'conversation.abandoned' || event.type === 'survey.answered') {
      due.add(event.conversationId);
    } else if (event.type === 'conversation.created' && event.intent !== '') intents.add(event.intent);
  };
  const unsubscribeLive = context.onLiveChange((change) => {
    agentTimePacer.noteEvents(change.events.length);
    factsPacer.noteEvents(change.events.length);
    for (const event of change.events) {
      noteFinished(event, finishedSoon);
      if (event.type === 'agent.status' || event.type === 'agent.logout') agentTimeDue = true;
    }
    if (finishedSoon.size > 0 || agentTimeDue) schedule();
  });
  // A backfill's conversations get their search facts as they land, in the slices above between
  // its frames, so a search finds them at once and its scan has no unsearchable matches to walk;
  // the pass after the backfill adds Historical Insights' facts and anything missed (docs/decisions/0051).
  const unsubscribeBackfill =
    context.feed.onBackfillEvents?.((events) => {
      for (const event of events) noteFinished(event, searchableSoon);
      if (searchableSoon.size > 0) schedule();
    }) ?? ((): void => undefined);

  // ---- feed status: resend notes when live, backfill after a long outage, recount after a backfill ----
  let disconnectedSince: number | null = null;
  let lastBackfillState = context.feed.status().backfill.state;
  const onStatus = (): void => {
    if (closed) return;
    const status = context.feed.status();
    if (status.connection === 'live') {
      if (disconnectedSince !== null) {
        const until = context.floorNow();
        if (until - disconnectedSince > OUTAGE_BACKFILL_AFTER_MS && status.backfill.state !== 'running') {
          context.feed.requestBackfill({ since: disconnectedSince - OUTAGE_OVERLAP_MS, until, maxEvents: BACKFILL_MAX_EVENTS });
        }
        disconnectedSince = null;
      }
      void notes.sendPending();
    } else if (disconnectedSince === null) {
      disconnectedSince = status.lastEventAt ?? context.floorNow();
    }
    if (status.backfill.state !== lastBackfillState) {
      lastBackfillState = status.backfill.state;
      // Backfilled conversations arrive outside the live stream: a pass gives them their figures.
      if (status.backfill.state === 'done' || status.backfill.state === 'failed') startPass();
    }
  };
  const unsubscribeStatus = context.feed.onStatus(onStatus);
  const pruneTimer = setInterval(() => retention.prune(), PRUNE_EVERY_MS);
  pruneTimer.unref?.();

  if (options.background ?? true) {
    // The passes over the cache wait for the console's first answer: the first screen needs none of them.
    context.afterStart(() => {
      startPass();
      retention.prune();
      exports.deleteOld();
    });
    onStatus();
  }

  const filterOptions = (access: Access): FilterOptions => {
    const queues = context.store.listQueues().filter((queue) => access.sees(queue.queueId));
    const queueSet = new Set(queues.map((queue) => queue.queueId));
    const agents: FilterOptions['agents'][number][] = [];
    const teams = new Map<string, string>();
    for (const agent of lookups.agents()) {
      let serves = access.scope.queues === null;
      if (!serves) {
        try {
          serves = (JSON.parse(agent.queueIds) as string[]).some((queueId) => queueSet.has(queueId));
        } catch {
          serves = false;
        }
      }
      if (!serves) continue;
      agents.push({ agentId: agent.agentId, name: agent.name, teamId: agent.teamId });
      if (agent.teamId !== '') teams.set(agent.teamId, agent.teamName || agent.teamId);
    }
    return {
      queues,
      agents,
      teams: [...teams].map(([teamId, name]) => ({ teamId, name })).sort((left, right) => left.name.localeCompare(right.name)),
      intents: [...intents].sort((left, right) => left.localeCompare(right)),
    };
  };

  return {
    queries: {
      // Off the core's thread: a first page replaces the same connection's earlier first page and
      // stops its count, a further page the earlier further page (loading more never stops a new
      // search), a count the earlier count. Counts run on a worker of their own (ADR 0057).
      'history.search': (access, query, origin) => {
        const count = query.count ?? 'withPage';
        if (pool === null) return Promise.resolve(searcher.search(access.scope, query.search, query.offset, query.limit, count));
        const asker = `${origin?.connectionId ?? `user:${access.userId}`}:history.search`;
        const kind = count === 'only' ? 'count' : query.offset === 0 ? 'first' : 'more';
        return pool.run(
          { kind: 'search', scope: { queues: access.scope.queues, liveMessages: access.scope.liveMessages }, search: query.search, offset: query.offset, limit: query.limit, count },
          { supersedeKey: `${asker}:${kind}`, stops: kind === 'first' ? [`${asker}:count`] : [], lane: kind === 'count' ? 'count' : 'page' },
        );
      },
      'history.transcript': (access, query) => transcripts.read(access.scope, query.conversationId),
      'history.filterOptions': (access) => ok(filterOptions(access)),
      'history.savedSearches': (access) => ok(saved.list(access.userId)),
      'history.cacheInfo': (access) => ok({ ...retention.info(access.scope), figuresPending: pass !== null || finishedSoon.size > 0 || searchableSoon.size > 0 }),
      'history.export.chunk': (session, query) => exports.chunk(session, query.exportId, query.offset),
    },
    topics: {
      'history.export': (session, subscription, listener) => exports.watch(session, subscription.exportId, listener),
    },
    commands: {
      'history.note.add': async (session, command, commandId) => {
        const added = await notes.add(session, command.conversationId, command.text, commandId);
        if (added.ok) context.audit.record(session, { action: 'history.note.add', target: `conversation:${command.conversationId}`, queueIds: [...lookups.queuesOf([command.conversationId]).values()], detail: { noteId: added.value.noteId, text: added.value.text } });
        return added;
      },
      'history.savedSearch.save': (session, command, commandId) => saved.save(session.userId, command.name, command.search, commandId),
      'history.savedSearch.delete': (session, command) => saved.delete(session.userId, command.savedSearchId),
      // Whole-cache: the API service lets only an unscoped admin here (history.retention).
      'history.retention.set': (access, command) => {
        retention.setDays(command.days, command.eventLogDays);
        context.audit.record(access, { action: 'history.retention.set', target: 'cache', detail: { days: command.days, ...(command.eventLogDays === undefined ? {} : { eventLogDays: retention.eventLogDays() }) } });
        return ok(retention.info(access.scope));
      },
      'history.backfill.start': (_session, command) => {
        const status = context.feed.status();
        if (status.connection !== 'live') {
          return ok({ requested: false, reason: 'The feed is not connected; history can be fetched once it is back.' });
        }
        const until = context.floorNow();
        context.feed.requestBackfill({ since: until - command.days * DAY_MS, until, maxEvents: BACKFILL_MAX_EVENTS });
        return ok({ requested: true, reason: null });
      },
      'history.export.start': (session, command, commandId) => {
        const request: ExportStart = {
          format: command.format,
          ...(command.conversationIds === undefined ? {} : { conversationIds: command.conversationIds }),
          ...(command.search === undefined ? {} : { search: command.search }),
        };
        const started = exports.start(session, request, commandId);
        if (started.ok) auditExport(context.audit, exports, session, request, started.value);
        return started;
      },
      'history.export.cancel': (session, command) => exports.cancel(session, command.exportId),
    },
    async close() {
      closed = true;
      unsubscribeLive();
      unsubscribeBackfill();
      unsubscribeStatus();
      clearInterval(pruneTimer);
      if (wakeTimer !== null) clearTimeout(wakeTimer);
      retention.close();
      exports.close();
      for (const listener of idleListeners) listener();
      idleListeners.clear();
      await pool?.close();
    },
    internals: {
      retention,
      notes,
      exports,
      metricsIdle: () =>
        !pass && finishedSoon.size === 0 && searchableSoon.size === 0 && !scheduled
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              idleListeners.add(resolve);
            }),
    },
  };
}

