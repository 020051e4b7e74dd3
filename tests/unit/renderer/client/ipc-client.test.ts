import { describe, expect, it } from 'vitest';
import type { ApiRequestInput, FloorwatchBridge, ServerMessage } from '../../../../src-shared/api/contract.js';
import type { Result } from '../../../../src-shared/result.js';
import { createIpcClient, findBridge } from '../../../../src-renderer/client/ipc-client.js';
import type { LinkState } from '../../../../src-renderer/client/console-client.js';
import type { OverviewMessage } from '../../../../src-shared/api/live.js';

type Push = Extract<ServerMessage, { kind: 'push' }>;

/** An in-memory bridge that, like the preload, may deliver a subscription's first push before the invoke resolves. */
function inMemoryBridge(answer: (request: ApiRequestInput, push: (message: Push) => void) => Promise<Result<unknown>>) {
  const listeners = new Set<(message: Push) => void>();
  const push = (message: Push) => {
    for (const listener of listeners) listener(message);
  };
  const bridge: FloorwatchBridge = {
    request: (request) => answer(request, push),
    onPush: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { bridge, listenerCount: () => listeners.size };
}

const snapshot: OverviewMessage = { kind: 'snapshot', asOfSeq: 3, asOfTime: 0, queues: [] };

describe('ipc-client', () => {
  it('is always open, answers queries and turns a thrown invoke into a failed result', async () => {
    const { bridge } = inMemoryBridge(async (request) => {
      if (request.op === 'query' && request.query.type === 'session.info') return { ok: true, value: 'me' };
      throw new Error('handler crashed');
    });
    const client = createIpcClient(bridge);
    const states: LinkState[] = [];
    client.onLink((state) => states.push(state));

    expect(await client.query({ type: 'session.info' })).toEqual({ ok: true, value: 'me' });
    expect(await client.query({ type: 'queues.list' })).toEqual({ ok: false, error: 'The console core refused the request: handler crashed' });
    expect(states).toEqual(['open']);
  });

  it('delivers a push that overtakes the subscribe answer', async () => {
    const { bridge } = inMemoryBridge(async (request, push) => {
      if (request.op !== 'subscribe') return { ok: true, value: undefined };
      push({ kind: 'push', subscriptionId: 'ipc-1', topic: 'overview', message: snapshot });
      return { ok: true, value: { subscriptionId: 'ipc-1' } };
    });
    const client = createIpcClient(bridge);

    const first = await new Promise<OverviewMessage>((resolve) => client.subscribe({ topic: 'overview' }, resolve));

    expect(first).toEqual(snapshot);
  });

  it('releases the push listener on close', () => {
    const { bridge, listenerCount } = inMemoryBridge(async () => ({ ok: true, value: null }));
    const client = createIpcClient(bridge);

    client.close();

    expect(listenerCount()).toBe(0);
  });

  it('finds only a bridge of the right shape', () => {
    const { bridge } = inMemoryBridge(async () => ({ ok: true, value: null }));

    expect(findBridge({ floorwatch: bridge })).toBe(bridge);
    expect(findBridge({})).toBeNull();
    expect(findBridge({ floorwatch: { request: () => undefined } })).toBeNull();
  });
});
