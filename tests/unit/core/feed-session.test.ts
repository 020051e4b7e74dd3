/**
 * The console's session comes from the feed: the embedded simulator's demo user picked with
 * --user, remembered by the cache for an offline start, and followed by the host's console sockets
 * (closed with 4010 when the user changes, so the console reconnects as the new one).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LEAST_PRIVILEGE_SESSION, type Session } from '../../../src-main/core/api/session.js';
import { resolveConfig } from '../../../src-main/core/config.js';
import { createCore } from '../../../src-main/core/core.js';
import { SESSION_CHANGED_CLOSE, startHost } from '../../../src-main/host/server.js';
import { busyAfternoon } from '../../support/busy-floor.js';
import { tempDir } from '../../support/host-process.js';
import { CONSOLE_TOKEN, expectClient, openApi } from '../host/lan-test-kit.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir('feed-session');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const OFFLINE = { kind: 'remote', url: 'ws://127.0.0.1:9/feed', token: 'x' } as const;

describe('the session from the feed', () => {
  it('reads --user and FLOORWATCH_USER as the embedded simulator demo user', () => {
    expect(resolveConfig(['--user', 'stakeholder'], {}, { dataDir: '/tmp/x' }).feed).toMatchObject({ kind: 'embedded-simulator', user: 'stakeholder' });
    expect(resolveConfig([], { FLOORWATCH_USER: 'admin' }, { dataDir: '/tmp/x' }).feed).toMatchObject({ kind: 'embedded-simulator', user: 'admin' });
    expect(resolveConfig([], {}, { dataDir: '/tmp/x' }).feed).not.toHaveProperty('user');
  });

  it('is the demo user the embedded simulator named, and after a restart offline the user this cache last saw', async () => {
    const dir = dataDir();
    const embedded = await createCore({ dataDir: dir, feed: { kind: 'embedded-simulator', seed: 4, agents: 12, queues: 8, startTime: busyAfternoon(), user: 'orders-leader' }, backfillDays: 0 });
    expect(embedded.session()).toMatchObject({ userId: 'orders-leader', role: 'wfm_leader', queueScope: ['q-orders'] });
    await embedded.close();

    const offline = await createCore({ dataDir: dir, feed: OFFLINE, backfillDays: 0 });
    cleanups.push(() => offline.close());
    expect(offline.session()).toMatchObject({ userId: 'orders-leader', role: 'wfm_leader', queueScope: ['q-orders'] });
  });

  it('is the least privilege in a cache that has never seen a user', async () => {
    const core = await createCore({ dataDir: dataDir(), feed: OFFLINE, backfillDays: 0 });
    cleanups.push(() => core.close());
    expect(core.session()).toEqual(LEAST_PRIVILEGE_SESSION);
  });

  it('closes every console socket with 4010 when the user changes; a new socket has the new session', async () => {
    const dir = dataDir();
    const core = await createCore({ dataDir: join(dir, 'data'), feed: OFFLINE, backfillDays: 0 });
    cleanups.push(() => core.close());
    let current: Session = { userId: 'ana', displayName: 'Ana', role: 'wfm_leader', queueScope: null };
    const listeners = new Set<(session: Session) => void>();
    const host = await startHost({
      api: core.api,
      sessions: { current: () => current, onChange: (listener) => (listeners.add(listener), () => listeners.delete(listener)) },
      rendererDir: dir,
      consoleToken: CONSOLE_TOKEN,
    });
    cleanups.push(() => host.close());

    const first = expectClient(await openApi(host.port, { token: CONSOLE_TOKEN }));
    expect(await first.request({ op: 'query', query: { type: 'session.info' } })).toMatchObject({ ok: true, value: { userId: 'ana' } });

    current = { userId: 'bo', displayName: 'Bo', role: 'business_stakeholder', queueScope: ['q-orders'] };
    for (const listener of listeners) listener(current);
    expect(await first.closed()).toEqual({ code: SESSION_CHANGED_CLOSE.code, reason: 'Signed in as another user; reconnecting' });

    const second = expectClient(await openApi(host.port, { token: CONSOLE_TOKEN }));
    cleanups.push(() => second.close());
    expect(await second.request({ op: 'query', query: { type: 'session.info' } })).toMatchObject({ ok: true, value: { userId: 'bo', role: 'business_stakeholder' } });
  });
});
