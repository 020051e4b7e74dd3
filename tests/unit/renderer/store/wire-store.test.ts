import { describe, expect, it } from 'vitest';
import type { ClientMessage, SessionInfo } from '../../../../src-shared/api/contract.js';
import type { FeedStatus } from '../../../../src-shared/api/live.js';
import { createClientCore } from '../../../../src-renderer/client/client-core.js';
import { createConsoleStore } from '../../../../src-renderer/store/console-store.js';
import { wireStore } from '../../../../src-renderer/store/wire-store.js';
import { manualTimers } from '../client/manual-timers.js';
import { tile } from './tile-fixtures.js';

const session: SessionInfo = {
  userId: 'u1',
  displayName: 'Dana',
  role: 'wfm_leader',
  capabilities: ['live.view'],
  queueScope: null,
  appVersion: '0.1.0',
  protocolVersion: 1,
};

const status = (now: number): FeedStatus => ({
  now,
  connection: 'live',
  feed: 'embedded simulator',
  connectionSince: 0,
  lastFrameAt: now,
  lastEventAt: now,
  lastSeq: 1,
  reconnectAttempts: 0,
  nextRetryAt: null,
  lastError: null,
  counters: { framesReceived: 0, eventsIngested: 0, eventsDuplicate: 0, gaps: 0, rejects: {} },
  backfill: { state: 'idle', sentEvents: 0, totalEvents: 0 },
});

/** A core whose link answers like the API: subscriptions get ids and an immediate first message. */
function scriptedCore(options: { readonly sessionAnswer?: 'ok' | 'silent' | 'refuse'; readonly session?: () => SessionInfo } = {}) {
  const core = createClientCore({ timers: manualTimers() });
  const sent: ClientMessage[] = [];
  let nextSubscription = 1;
  const open = () =>
    core.linkOpened({
      send: (message) => {
        sent.push(message);
        const request = message.request;
        if (request.op === 'query' && options.sessionAnswer !== 'silent') {
          const result = options.sessionAnswer === 'refuse' ? { ok: false, error: 'Unknown token' } : { ok: true, value: options.session?.() ?? session };
          core.receive({ kind: 'response', id: message.id, result });
        }
        if (request.op === 'subscribe') {
          const subscriptionId = `s${nextSubscription++}`;
          core.receive({ kind: 'response', id: message.id, result: { ok: true, value: { subscriptionId } } });
          const first = request.subscription.topic === 'status' ? status(50_000) : { kind: 'snapshot', asOfSeq: 7, asOfTime: 49_000, queues: [tile('q-1', 'Sales')] };
          core.receive({ kind: 'push', subscriptionId, topic: request.subscription.topic, message: first });
        }
      },
    });
  return { core, sent, open };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('wireStore', () => {
  it('fills the store from the session query and both topics once the link opens', async () => {
    const { core, open } = scriptedCore();
    const store = createConsoleStore();
    wireStore(core.client, store, () => 20_000);

    open();
    await flush();
    const state = store.getState();

    expect(state.link).toEqual({ state: 'open', everOpened: true });
    expect(state.session).toEqual({ status: 'ready', info: session });
    expect(state.feed.clockOffsetMs).toBe(30_000);
    expect(state.overview.loaded).toBe(true);
    expect(state.overview.order).toEqual(['q-1']);
    expect(state.overview.asOfSeq).toBe(7);
  });

  it('retries the session when a link that dropped comes back, without showing an error meanwhile', async () => {
    const silent = scriptedCore({ sessionAnswer: 'silent' });
    const store = createConsoleStore();
    wireStore(silent.core.client, store);
    silent.open();

    silent.core.linkClosed('dropped');
    await flush();
    expect(store.getState().session.status).toBe('loading');

    silent.open();
    const sessionQueries = silent.sent.filter((message) => message.request.op === 'query');
    expect(sessionQueries).toHaveLength(2);
  });

  it('reads the session again when the host closed the link because the feed named another user', async () => {
    let current = session;
    const scripted = scriptedCore({ session: () => current });
    const store = createConsoleStore();
    wireStore(scripted.core.client, store);
    scripted.open();
    await flush();
    expect(store.getState().session).toEqual({ status: 'ready', info: session });

    current = { ...session, userId: 'u2', displayName: 'Bo', role: 'business_stakeholder', queueScope: ['q-orders'] };
    scripted.core.linkClosed('closed with code 4010: Signed in as another user; reconnecting');
    scripted.open();
    await flush();
    expect(store.getState().session).toEqual({ status: 'ready', info: current });
  });

  it('shows a refused session as an error', async () => {
    const { core, open } = scriptedCore({ sessionAnswer: 'refuse' });
    const store = createConsoleStore();
    wireStore(core.client, store);

    open();
    await flush();

    expect(store.getState().session).toEqual({ status: 'error', error: 'Unknown token' });
  });

  it('stops listening when unwired', async () => {
    const { core, open } = scriptedCore();
    const store = createConsoleStore();
    const unwire = wireStore(core.client, store);

    unwire();
    open();
    await flush();

    expect(store.getState().overview.loaded).toBe(false);
    expect(store.getState().link.state).toBe('connecting');
  });
});
