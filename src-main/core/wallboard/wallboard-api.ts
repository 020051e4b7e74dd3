/**
 * Wallboards' part of the API (src-shared/api/wallboard.ts): boards and the playlist, their live
 * data, devices and LAN serving. LAN sockets belong to whichever process serves them (the host, or
 * the desktop app's core process); this area reaches them only through the LanLink.
 */
import type { Store } from '../store/store.js';
import type { LanServing } from '../../../src-shared/api/wallboard.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import { parseBoardDocument } from '../../../src-shared/wallboard/board.js';
import type { ApiAreas } from '../api/api-service.js';
import type { CoreContext } from '../core-context.js';
import type { LiveState } from '../floor-state/state.js';
import { createIntradayPastSource } from '../live-views/intraday-past-source.js';
import { readIntradayPast } from '../live-views/intraday-past.js';
import { createWallboardLivePublisher, type CsatCounter } from '../live-views/wallboard-publisher.js';
import { createBoardStore } from './board-store.js';
import { isBuiltInBoardId } from './built-in-boards.js';
import { toWallboardDevice, type DeviceRecord } from './devices.js';
import type { Access } from '../api/session.js';
import { lanLinkFor, type LanLink } from './lan-link.js';
import { errorMessage } from '../../../src-shared/errors.js';

/** Answered when no process serves the LAN (e.g. a core without a host). */
export const DEFAULT_MAX_LAN_CONNECTIONS = 20;

export interface WallboardApiOptions {
  /** The meeting point with the LAN listener; by default the one of the context's store. */
  readonly lan?: LanLink;
  /** Wall clock for created/updated times (default Date.now). */
  readonly now?: () => number;
}

/** Today's survey answers per agent, so the leaderboard's CSAT survives a restart. */
function readCsatSeed(store: Store, state: LiveState, now: number): Map<string, CsatCounter> {
  const seed = new Map<string, CsatCounter>();
  for (const [queueId, counters] of state.today) {
    if (now >= counters.nextDayStart) continue;
    for (const row of store.surveysByAgent(queueId, counters.dayStart, counters.nextDayStart)) {
      const current = seed.get(row.agentId);
      seed.set(row.agentId, {
        dayStart: Math.max(current?.dayStart ?? 0, counters.dayStart),
        surveys: (current?.surveys ?? 0) + row.surveys,
        positive: (current?.positive ?? 0) + row.positive,
      });
    }
  }
  return seed;
}

/**
 * Whether a session may see and revoke a device: its creator may, and so may whoever holds
 * wallboard.lan (unscoped: the whole floor's TVs); a scoped user never touches other people's.
 */
export function mayManageDevice(access: Access, device: Pick<DeviceRecord, 'createdBy'>): boolean {
  return device.createdBy === access.userId || access.can('wallboard.lan');
}

export function createWallboardApi(context: CoreContext, options: WallboardApiOptions = {}): ApiAreas['wallboard'] {
  const now = options.now ?? Date.now;
  const boards = context.store.repository(createBoardStore);
  const lan = options.lan ?? lanLinkFor(context.store);
  let knownQueues = '';

  const refreshBuiltIns = (): void => {
    const queues = context.store.listQueues().map((queue) => ({ queueId: queue.queueId, name: queue.name }));
    const key = JSON.stringify(queues);
    if (key === knownQueues) return;
    knownQueues = key;
    boards.refreshBuiltIns(queues, now());
  };
  refreshBuiltIns();

  const pastSource = context.store.repository(createIntradayPastSource);
  const publisher = createWallboardLivePublisher(context, {
    seedCsat: readCsatSeed(context.store, context.live(), context.floorNow()),
    past: { series: (queue, from, to) => readIntradayPast(pastSource, queue, from, to) },
  });

  function lanServing(): LanServing {
    return lan.controller()?.status() ?? { enabled: false, urls: [], maxConnections: DEFAULT_MAX_LAN_CONNECTIONS };
  }

  return {
    queries: {
      'wallboard.setup': () => {
        refreshBuiltIns();
        return ok(boards.setup());
      },
      // The whole floor's devices for whoever may run LAN serving; a scoped user sees their own.
      'wallboard.devices': (access) => {
        const live = lan.controller()?.deviceConnections() ?? new Map();
        const mine = lan.devices.list().filter((device) => mayManageDevice(access, device));
        return ok(mine.map((device) => toWallboardDevice(device, live.get(device.deviceId))));
      },
      'wallboard.lan': () => ok(lanServing()),
    },
    topics: {
      'wallboard.live': (session, _subscription, listener) => ok(publisher.subscribe(session, listener)),
    },
    // A retried command id is answered by the API service's command ledger, not here.
    commands: {
      'wallboard.board.save': (session, command) => {
        const saved = boards.save(command.board, now());
        if (saved.ok) context.audit.record(session, { action: 'wallboard.board.save', target: `board:${saved.value.boardId}`, detail: { board: saved.value } });
        return saved;
      },
      'wallboard.board.delete': (session, command) => {
        const removed = boards.remove(command.boardId);
        if (removed.ok) context.audit.record(session, { action: 'wallboard.board.delete', target: `board:${command.boardId}` });
        return removed;
      },
      'wallboard.board.import': (session, command) => {
        const parsed = parseBoardDocument(command.document);
        if (!parsed.ok) return parsed;
        // An exported built-in comes back as a copy: built-ins are the console's, not the file's.
        const board = isBuiltInBoardId(parsed.value.boardId) ? { ...parsed.value, boardId: boards.freeBoardId(parsed.value.boardId) } : parsed.value;
        const saved = boards.save(board, now());
        if (saved.ok) context.audit.record(session, { action: 'wallboard.board.import', target: `board:${saved.value.boardId}`, detail: { board: saved.value } });
        return saved;
      },
      'wallboard.playlist.save': (session, command) => {
        const saved = boards.savePlaylist(command.playlist);
        if (saved.ok) context.audit.record(session, { action: 'wallboard.playlist.save', target: 'playlist', detail: { playlist: saved.value } });
        return saved;
      },
      'wallboard.lan.set': async (session, command): Promise<Result<LanServing>> => {
        const controller = lan.controller();
        if (!controller) return fail('LAN serving is not available in this process: it runs where the console is served (the host or the desktop app).');
        let serving: LanServing;
        try {
          serving = await controller.setEnabled(command.enabled);
          lan.rememberEnabled(command.enabled);
        } catch (error) {
          return fail(`LAN serving could not be ${command.enabled ? 'started' : 'stopped'}: ${errorMessage(error)}`);
        }
        context.audit.record(session, { action: 'wallboard.lan.set', target: 'lan', detail: { enabled: command.enabled, urls: serving.urls } });
        return ok(serving);
      },
      // The link carries the token, which is shown once: the ledger keeps the device without it (command-rules.ts).
      'wallboard.device.create': (session, command) => {
        const controller = lan.controller();
        if (!controller) return fail('LAN serving is not available in this process, so no device link can be made.');
        // The device shows what its creator may see, and no more (deviceSession).
        const { device, token } = lan.devices.create(command.name, { userId: session.userId, queueScope: session.scope.queues }, now());
        context.audit.record(session, { action: 'wallboard.device.create', target: `device:${device.deviceId}`, detail: { name: device.name } });
        return ok({ device: toWallboardDevice(device, undefined), url: controller.deviceUrl(token) });
      },
      'wallboard.device.revoke': (access, command) => {
        const existing = lan.devices.get(command.deviceId);
        if (!existing || !mayManageDevice(access, existing)) return fail(`No wallboard device ${command.deviceId} among yours.`);
        const device = lan.devices.revoke(command.deviceId, now());
        if (!device) return fail(`No wallboard device ${command.deviceId}.`);
        lan.controller()?.disconnectDevice(device.deviceId);
        context.audit.record(access, { action: 'wallboard.device.revoke', target: `device:${device.deviceId}`, detail: { name: device.name } });
        return ok(toWallboardDevice(device, undefined));
      },
    },
    close() {
      publisher.close();
    },
  };
}
