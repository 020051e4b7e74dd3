import { describe, expect, it } from 'vitest';
import type { ApiRequestInput, ClientMessage } from '../../../../src-shared/api/contract.js';
import type { OverviewMessage } from '../../../../src-shared/api/live.js';
import { createClientCore } from '../../../../src-renderer/client/client-core.js';
import type { LinkState } from '../../../../src-renderer/client/console-client.js';
import { manualTimers } from './manual-timers.js';

/** One link's outbound side: records what the client sent. */
function recordingLink() {
  const sent: ClientMessage[] = [];
  return {
    sent,
    send: (message: ClientMessage) => void sent.push(message),
    requests: (op: ApiRequestInput['op']) => sent.filter((message) => message.request.op === op),
  };
}

function setup() {
  const timers = manualTimers();
  const problems: string[] = [];
  const core = createClientCore({ timers, requestTimeoutMs: 15_000, onProblem: (problem) => problems.push(problem) });
  return { core, timers, problems };
}

const snapshot = (asOfSeq: number): OverviewMessage => ({ kind: 'snapshot', asOfSeq, asOfTime: asOfSeq, queues: [] });

describe('client core: requests', () => {
  it('correlates responses to requests by id, whatever their order', async () => {
    const { core } = setup();
    const link = recordingLink();
    core.linkOpened(link);

    const session = core.client.query({ type: 'session.info' });
    const queues = core.client.query({ type: 'queues.list' });
    const [first, second] = link.sent;
    core.receive({ kind: 'response', id: second?.id, result: { ok: true, value: ['queues'] } });
    core.receive({ kind: 'response', id: first?.id, result: { ok: false, error: 'nope' } });

    expect(first?.request).toEqual({ op: 'query', query: { type: 'session.info' } });
    expect(await queues).toEqual({ ok: true, value: ['queues'] });
    expect(await session).toEqual({ ok: false, error: 'nope' });
  });

  it('logs an id-less error frame from the core and leaves requests in flight waiting for their own answers', async () => {
    const { core, problems } = setup();
    const link = recordingLink();
    core.linkOpened(link);
    const answer = core.client.query({ type: 'session.info' });

    core.receive({ kind: 'error', reason: 'not_json', error: 'Refused: the message is not JSON.' });
    core.receive({ kind: 'response', id: link.sent[0]?.id, result: { ok: true, value: 'me' } });

    expect(await answer).toEqual({ ok: true, value: 'me' });
    expect(problems).toEqual(['the core refused a message it could not read (not_json): Refused: the message is not JSON.']);
  });

  it('holds requests made before the link opens and sends them when it does', async () => {
    const { core } = setup();
    const link = recordingLink();

    const answer = core.client.query({ type: 'session.info' });
    core.linkOpened(link);
    core.receive({ kind: 'response', id: link.sent[0]?.id, result: { ok: true, value: 'me' } });

    expect(await answer).toEqual({ ok: true, value: 'me' });
  });

  it('fails requests in flight when the link drops, with a clear error', async () => {
    const { core } = setup();
    core.linkOpened(recordingLink());

    const answer = core.client.query({ type: 'session.info' });
    core.linkClosed('connection dropped');

    const result = await answer;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/Lost the connection to the console core \(connection dropped\)/);
  });

  it('times out a request the core never answers, and ignores the late answer', async () => {
    const { core, timers } = setup();
    const link = recordingLink();
    core.linkOpened(link);

    const answer = core.client.query({ type: 'session.info' });
    timers.advance(15_000);
    core.receive({ kind: 'response', id: link.sent[0]?.id, result: { ok: true, value: 'late' } });

    expect(await answer).toEqual({ ok: false, error: 'The console core did not answer within 15 s.' });
    expect(timers.pending).toBe(0);
  });

  it('times out a request that never found a link', async () => {
    const { core, timers } = setup();

    const answer = core.client.query({ type: 'session.info' });
    timers.advance(15_000);

    expect(await answer).toEqual({ ok: false, error: 'The console core is not reachable (no connection for 15 s).' });
  });

  it('fails a request whose send throws instead of leaving it hanging', async () => {
    const { core } = setup();
    core.linkOpened({
      send: () => {
        throw new Error('socket is closing');
      },
    });

    const result = await core.client.query({ type: 'session.info' });

    expect(result).toEqual({ ok: false, error: 'Could not send to the console core: socket is closing' });
  });

  it('rejects malformed messages with a reason and keeps working', async () => {
    const { core, problems } = setup();
    const link = recordingLink();
    core.linkOpened(link);
    const answer = core.client.query({ type: 'session.info' });

    for (const bad of [null, 'text', { kind: 'response', id: 'x' }, { kind: 'response', id: 1, result: { ok: 'yes' } }, { kind: 'push', subscriptionId: 's', topic: 'nope', message: {} }, { kind: 'other' }]) {
      core.receive(bad);
    }
    core.receive({ kind: 'response', id: link.sent[0]?.id, result: { ok: true } });

    expect(problems).toHaveLength(6);
    expect(await answer).toEqual({ ok: true });
  });

  it('fails everything pending on close and refuses new work', async () => {
    const { core } = setup();
    const states: LinkState[] = [];
    core.client.onLink((state) => states.push(state));
    core.linkOpened(recordingLink());
    const answer = core.client.query({ type: 'session.info' });

    core.client.close();

    expect(await answer).toEqual({ ok: false, error: 'The console client is closed.' });
    expect(await core.client.query({ type: 'session.info' })).toEqual({ ok: false, error: 'The console client is closed.' });
    expect(states).toEqual(['connecting', 'open', 'closed']);
  });
});

describe('client core: subscriptions', () => {
  it('subscribes when the link opens and delivers pushes for its id', () => {
    const { core } = setup();
    const link = recordingLink();
    const received: OverviewMessage[] = [];
    core.client.subscribe({ topic: 'overview' }, (message) => received.push(message));

    core.linkOpened(link);
    const request = link.requests('subscribe')[0];
    core.receive({ kind: 'response', id: request?.id, result: { ok: true, value: { subscriptionId: 'sub-1' } } });
    core.receive({ kind: 'push', subscriptionId: 'sub-1', topic: 'overview', message: snapshot(1) });
    core.receive({ kind: 'push', subscriptionId: 'sub-other', topic: 'overview', message: snapshot(2) });

    expect(request?.request).toEqual({ op: 'subscribe', subscription: { topic: 'overview' } });
    expect(received).toEqual([snapshot(1)]);
  });

  it('delivers pushes that arrive before the subscribe answer, in order', () => {
    const { core } = setup();
    const link = recordingLink();
    const received: number[] = [];
    core.linkOpened(link);
    core.client.subscribe({ topic: 'overview' }, (message) => received.push(message.asOfSeq));

    core.receive({ kind: 'push', subscriptionId: 'sub-1', topic: 'overview', message: snapshot(1) });
    core.receive({ kind: 'push', subscriptionId: 'sub-1', topic: 'overview', message: snapshot(2) });
    core.receive({ kind: 'response', id: link.requests('subscribe')[0]?.id, result: { ok: true, value: { subscriptionId: 'sub-1' } } });
    core.receive({ kind: 'push', subscriptionId: 'sub-1', topic: 'overview', message: snapshot(3) });

    expect(received).toEqual([1, 2, 3]);
  });

  it('re-subscribes after a reconnect and gets the fresh snapshot; pushes of the old subscription are dropped', () => {
    const { core } = setup();
    const first = recordingLink();
    const second = recordingLink();
    const received: number[] = [];
    core.client.subscribe({ topic: 'overview' }, (message) => received.push(message.asOfSeq));
    core.linkOpened(first);
    core.receive({ kind: 'response', id: first.requests('subscribe')[0]?.id, result: { ok: true, value: { subscriptionId: 'old' } } });
    core.receive({ kind: 'push', subscriptionId: 'old', topic: 'overview', message: snapshot(1) });

    core.linkClosed('connection dropped');
    core.linkOpened(second);
    core.receive({ kind: 'push', subscriptionId: 'old', topic: 'overview', message: snapshot(99) });
    core.receive({ kind: 'response', id: second.requests('subscribe')[0]?.id, result: { ok: true, value: { subscriptionId: 'new' } } });
    core.receive({ kind: 'push', subscriptionId: 'new', topic: 'overview', message: snapshot(5) });

    expect(second.requests('subscribe')).toHaveLength(1);
    expect(received).toEqual([1, 5]);
  });

  it('tells the caller when a subscription is refused, and retries on the next link', () => {
    const { core } = setup();
    const first = recordingLink();
    const errors: string[] = [];
    core.client.subscribe({ topic: 'status' }, () => undefined, (error) => errors.push(error));
    core.linkOpened(first);

    core.receive({ kind: 'response', id: first.requests('subscribe')[0]?.id, result: { ok: false, error: 'Not permitted: live.view' } });
    core.linkClosed('bye');
    const second = recordingLink();
    core.linkOpened(second);

    expect(errors).toEqual(['Not permitted: live.view']);
    expect(second.requests('subscribe')).toHaveLength(1);
  });

  it('unsubscribes on the server, also when the answer comes after the caller gave up', () => {
    const { core } = setup();
    const link = recordingLink();
    core.linkOpened(link);
    const received: number[] = [];
    const stopActive = core.client.subscribe({ topic: 'overview' }, (message) => received.push(message.asOfSeq));
    const stopPending = core.client.subscribe({ topic: 'status' }, () => received.push(-1));
    const [activeRequest, pendingRequest] = link.requests('subscribe');
    core.receive({ kind: 'response', id: activeRequest?.id, result: { ok: true, value: { subscriptionId: 'a' } } });

    stopActive();
    stopPending();
    core.receive({ kind: 'response', id: pendingRequest?.id, result: { ok: true, value: 'b' } });
    core.receive({ kind: 'push', subscriptionId: 'a', topic: 'overview', message: snapshot(1) });
    core.receive({ kind: 'push', subscriptionId: 'b', topic: 'status', message: snapshot(1) });
    core.linkClosed('bye');
    const next = recordingLink();
    core.linkOpened(next);

    expect(link.requests('unsubscribe').map((message) => message.request)).toEqual([
      { op: 'unsubscribe', subscriptionId: 'a' },
      { op: 'unsubscribe', subscriptionId: 'b' },
    ]);
    expect(received).toEqual([]);
    expect(next.requests('subscribe')).toHaveLength(0);
  });

  it('keeps delivering when a listener throws', () => {
    const { core, problems } = setup();
    const link = recordingLink();
    core.linkOpened(link);
    const received: number[] = [];
    core.client.subscribe({ topic: 'overview' }, (message) => {
      received.push(message.asOfSeq);
      if (message.asOfSeq === 1) throw new Error('boom');
    });
    core.receive({ kind: 'response', id: link.requests('subscribe')[0]?.id, result: { ok: true, value: { subscriptionId: 's' } } });

    core.receive({ kind: 'push', subscriptionId: 's', topic: 'overview', message: snapshot(1) });
    core.receive({ kind: 'push', subscriptionId: 's', topic: 'overview', message: snapshot(2) });

    expect(received).toEqual([1, 2]);
    expect(problems.some((problem) => problem.includes('boom'))).toBe(true);
  });
});

describe('client core: link state', () => {
  it('reports the current state at once and every change after', () => {
    const { core } = setup();
    const states: LinkState[] = [];

    const stop = core.client.onLink((state) => states.push(state));
    core.linkOpened(recordingLink());
    core.linkClosed('gone');
    core.linkConnecting();
    stop();
    core.linkOpened(recordingLink());

    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting']);
  });
});
