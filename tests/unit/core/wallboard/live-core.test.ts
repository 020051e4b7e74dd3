/** wallboard.live on a real core with the embedded simulated floor, watched by a wallboard session. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WallboardLiveMessage } from '../../../../src-shared/api/wallboard.js';
import { createCore, type Core } from '../../../../src-main/core/core.js';
import { tempDir, waitFor } from '../../../support/host-process.js';
import { busyAfternoon } from '../../../support/busy-floor.js';

let dir: string;
let core: Core;

beforeAll(async () => {
  dir = tempDir('wallboard-live');
  core = await createCore({ dataDir: join(dir, 'data'), feed: { kind: 'embedded-simulator', seed: 3, speed: 20, agents: 24, queues: 3, startTime: busyAfternoon() }, backfillDays: 0 });
});

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('gives a TV a snapshot, then diffs that follow the floor', async () => {
  await waitFor(() => core.feedStatus().lastSeq > 50, { what: 'the simulated floor to start' });
  const messages: WallboardLiveMessage[] = [];
  const subscribed = core.api.subscribe({ userId: 'device:tv', displayName: 'TV', role: 'wallboard', queueScope: null }, { topic: 'wallboard.live' }, (message) => messages.push(message));
  expect(subscribed.ok).toBe(true);
  try {
    const snapshot = messages[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('the first message is not a snapshot');
    expect(snapshot.agents.length).toBeGreaterThan(0);
    expect(Object.keys(snapshot.series).sort()).toEqual(core.store.listQueues().map((queue) => queue.queueId).sort());
    const startSeq = snapshot.asOfSeq;
    await waitFor(() => messages.some((message) => message.kind === 'diff' && message.asOfSeq > startSeq), { what: 'a diff' });
    expect(messages.slice(1).every((message) => message.kind === 'diff')).toBe(true);
  } finally {
    if (subscribed.ok) subscribed.value();
  }
});
