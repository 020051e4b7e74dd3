/**
 * Protocol v1.1 in the feed client: the user and audit anchor of the welcome, the change event, the
 * audit head on a command frame, and a `forbidden` refusal read as such.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedUser } from '../../../../src-shared/protocol/frames.js';
import type { FeedClient } from '../../../../src-main/core/feed/feed-client.js';
import { MemorySink, TestFeedServer, createClient, waitForStatus } from './feed-test-kit.js';

let server: TestFeedServer;
let client: FeedClient | null = null;

beforeEach(async () => {
  server = await TestFeedServer.start();
});

afterEach(async () => {
  await client?.stop();
  client = null;
  await server.close();
});

const ORDERS: FeedUser = { userId: 'u-1', name: 'Sam', role: 'wfm_leader', queueScope: ['q-orders'] };
const ADMIN: FeedUser = { userId: 'u-2', name: 'Ada', role: 'admin', queueScope: null };

/** Welcomes each connection as the next user of `users` (undefined: a v1 welcome naming nobody). */
function welcomeAs(users: readonly (FeedUser | undefined)[], anchor: { auditId: number; hash: string } | null = null): void {
  server.onHello = (connection, _hello, index) => {
    const user = users[Math.min(index, users.length - 1)];
    connection.send({
      type: 'welcome',
      protocolVersion: 1,
      ...(user === undefined ? {} : { minor: 1, user, auditAnchor: anchor }),
      sessionId: `s-${index}`,
      heartbeatIntervalMs: 1_000,
      streams: [{ stream: 'floor', epoch: 'e1', resume: 'replay', headSeq: 0 }],
    });
  };
}

describe('FeedClient identity (protocol v1.1)', () => {
  it('knows nobody before the welcome, then the user and the audit anchor the welcome names', async () => {
    welcomeAs([ORDERS], { auditId: 7, hash: 'abc' });
    client = createClient(server, new MemorySink());
    expect(client.user()).toBeNull();
    const named = new Promise<FeedUser | null>((resolve) => client?.onUserChange(resolve));
    client.start();
    expect(await named).toEqual(ORDERS);
    expect(client.user()).toEqual(ORDERS);
    expect(client.auditAnchor()).toEqual({ auditId: 7, hash: 'abc' });
  });

  it('tells listeners when a later welcome names another user, and names nobody for a v1 feed', async () => {
    welcomeAs([ORDERS, ADMIN, undefined]);
    client = createClient(server, new MemorySink());
    const seen: (FeedUser | null)[] = [];
    client.onUserChange((user) => seen.push(user));
    client.start();
    for (let index = 0; index < 3; index++) {
      const connection = await server.hello(index);
      await waitForStatus(client, `welcome ${index}`, (status) => status.connection === 'live' && seen.length === index + 1);
      connection.socket.terminate();
    }
    expect(seen).toEqual([ORDERS, ADMIN, null]);
    expect(client.user()).toBeNull();
    expect(client.auditAnchor()).toBeNull();
  });

  it('puts the audit head on the command frame and reads a forbidden refusal as one', async () => {
    welcomeAs([ORDERS]);
    server.onFrame = (connection, frame) => {
      if (frame.type === 'command') connection.send({ type: 'command.result', commandId: frame.commandId, ok: false, code: 'forbidden', reason: 'q-billing is outside the scope' });
    };
    client = createClient(server, new MemorySink());
    client.start();
    const connection = await server.hello(0);
    const outcome = client.sendCommand('cmd-1', { type: 'queue.end_all', queueId: 'q-billing' }, { auditHead: { auditId: 12, hash: 'h12' } });
    expect(await connection.frame('command')).toMatchObject({ commandId: 'cmd-1', auditHead: { auditId: 12, hash: 'h12' } });
    const answered = await outcome;
    expect(answered).toMatchObject({ ok: false, code: 'forbidden' });
    expect(answered.reason).toContain('your role or queue scope does not allow it');
    expect(answered.reason).toContain('q-billing is outside the scope');
  });
});
