/**
 * Consoles' commands through relays: the simulator's floor bridged to
 * the log carries them out. An allowed command and its effect, the same command sent twice through
 * two relays (stored and carried out once), scope refusals, the audit anchor across relays, and a
 * floor whose source takes no commands.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRange } from '../../../src-main/relay/log-reader.js';
import { TokenTable } from '../../../src-main/relay/tokens.js';
import { busyAfternoon } from '../../support/busy-floor.js';
import { tempDir, waitFor } from '../../support/host-process.js';
import { startRelayedFloor } from '../../support/relay-cluster.js';
import type { RelayedFloor } from '../../support/relay-cluster.js';
import { cleanupAfterEach, ModelFloor, startWireRelay, WireClient } from '../../support/relay-wire.js';
import type { WireEvent } from '../../support/relay-wire.js';

const cleanup = cleanupAfterEach();
let floor: RelayedFloor;
let dataDir: string;
let relays: Awaited<ReturnType<typeof startWireRelay>>[];

beforeAll(async () => {
  dataDir = tempDir('relay-commands');
  floor = await startRelayedFloor(dataDir, { seed: 11, speed: 2, heartbeatIntervalMs: 500, floor: { agents: 20, startTime: busyAfternoon() } });
  await waitFor(() => floor.publisher.headSeq > 0 && floor.bridge.connected(), { what: 'the publisher to write the floor' });
  relays = [await startWireRelay(floor.nats.url, floor.floor, TokenTable.read(floor.tokensFile)), await startWireRelay(floor.nats.url, floor.floor, TokenTable.read(floor.tokensFile))];
  await waitFor(() => relays.every((relay) => relay.headSeq() > 0), { what: 'both relays to follow the floor' });
});
afterAll(async () => {
  for (const relay of relays) await relay.close();
  await floor.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The simulator's own token for a demo user (the tokens file lists them). */
const tokenOf = (userId: string): string => floor.users.find((entry) => entry.user.userId === userId)?.token ?? '';

async function signIn(relay: number, userId: string): Promise<WireClient> {
  const { client } = await WireClient.signIn((relays[relay] as { url: string }).url, tokenOf(userId));
  cleanup(() => client.close());
  return client;
}

async function commandsStored(): Promise<number> {
  return (await floor.log.jsm.streams.info(floor.log.names.commandsStream)).state.messages;
}

let commands = 0;
const uniqueText = (): string => `note ${++commands} of this run`;

describe('an allowed command', () => {
  it('is carried out by the floor: ok, and its effect event arrives on the stream', async () => {
    const admin = await signIn(0, 'admin');
    const message = uniqueText();
    const stored = await commandsStored();
    const answer = await admin.command('cmd-allowed', { type: 'queue.set_mitigation', queueId: 'q-orders', state: 'custom_message', message });
    expect(answer).toEqual({ type: 'command.result', commandId: 'cmd-allowed', ok: true });
    const effect = await waitFor(() => admin.events().find((event) => event.type === 'queue.mitigation' && event.message === message), { what: 'the mitigation event' });
    expect(effect).toMatchObject({ queueId: 'q-orders', state: 'custom_message' });
    expect(await commandsStored()).toBe(stored + 1);
  });

  it('sent again with the same commandId, through this relay and another, gets the same answer and is stored and carried out once', async () => {
    const first = await signIn(0, 'admin');
    const second = await signIn(1, 'admin');
    const message = uniqueText();
    const command = { type: 'queue.set_mitigation', queueId: 'q-orders', state: 'custom_message', message };
    const stored = await commandsStored();
    // Both at once: neither relay finds an answer yet, so both publish it.
    const answers = await Promise.all([first.command('cmd-twice', command), second.command('cmd-twice', command)]);
    expect(answers).toEqual([
      { type: 'command.result', commandId: 'cmd-twice', ok: true },
      { type: 'command.result', commandId: 'cmd-twice', ok: true },
    ]);
    // Later, through the other relay again: answered from the results bucket.
    expect(await second.command('cmd-twice', command)).toEqual(answers[0]);
    expect(await commandsStored()).toBe(stored + 1);

    // Its effect, once; a later command's effect shows the floor has carried out everything before it.
    const marker = uniqueText();
    expect((await first.command('cmd-after-twice', { ...command, message: marker })).ok).toBe(true);
    await waitFor(() => first.events().some((event) => event.type === 'queue.mitigation' && event.message === marker), { what: 'the later command\'s effect' });
    const effects: WireEvent[] = [];
    await readRange(floor.log, 1, first.lastSeq(), (entry) => {
      const event = JSON.parse(new TextDecoder().decode(entry.data)) as WireEvent;
      if (event.type === 'queue.mitigation' && event.message === message) effects.push(event);
    });
    expect(effects).toHaveLength(1);
  });

  it('is the same command only for the same user: another user\'s commandId of the same text is a command of its own', async () => {
    const admin = await signIn(0, 'admin');
    const leader = await signIn(1, 'wfm-leader');
    const stored = await commandsStored();
    const command = { type: 'queue.set_overflow_rules', queueId: 'q-returns', rules: [] };
    expect((await admin.command('cmd-shared-id', command)).ok).toBe(true);
    expect((await leader.command('cmd-shared-id', command)).ok).toBe(true);
    expect(await commandsStored()).toBe(stored + 2);
  });
});

describe('refusals by scope', () => {
  it('refuses a scoped user\'s command on a queue outside the scope as `forbidden`, before it reaches the floor', async () => {
    const leader = await signIn(0, 'orders-leader');
    const stored = await commandsStored();
    const answer = await leader.command('cmd-outside', { type: 'queue.set_overflow_rules', queueId: 'q-billing', rules: [] });
    expect(answer).toMatchObject({ ok: false, code: 'forbidden' });
    expect(answer.reason).toMatch(/q-billing.*outside/);
    expect(await commandsStored()).toBe(stored);
  });

  it('refuses a scoped user\'s command on a conversation the relay does not know (fail closed)', async () => {
    const leader = await signIn(1, 'orders-leader');
    const stored = await commandsStored();
    const answer = await leader.command('cmd-unknown', { type: 'conversation.whisper', conversationId: 'conv-nobody-knows', supervisorId: 'orders-leader', text: 'hello' });
    expect(answer).toMatchObject({ ok: false, code: 'forbidden' });
    expect(answer.reason).toMatch(/conv-nobody-knows.*not known/);
    expect(await commandsStored()).toBe(stored);
  });
});

describe('the audit anchor', () => {
  it('comes back in the next welcome from another relay, and an older audit head does not move it back', async () => {
    const first = await signIn(0, 'orders-leader');
    const welcome = await WireClient.signIn((relays[1] as { url: string }).url, tokenOf('orders-leader'));
    welcome.client.close();
    const before = (welcome.welcome.auditAnchor as { auditId: number } | null)?.auditId ?? 0;
    const head = { auditId: before + 40, hash: `h-${before + 40}` };
    expect((await first.command('cmd-audit-new', { type: 'queue.set_overflow_rules', queueId: 'q-orders', rules: [] }, head)).ok).toBe(true);
    const again = await WireClient.signIn((relays[1] as { url: string }).url, tokenOf('orders-leader'));
    again.client.close();
    expect(again.welcome.auditAnchor).toEqual(head);

    // An older head, sent later through the other relay (a retried older command).
    expect((await first.command('cmd-audit-old', { type: 'queue.set_overflow_rules', queueId: 'q-orders', rules: [] }, { auditId: before + 10, hash: 'older' })).ok).toBe(true);
    const last = await WireClient.signIn((relays[1] as { url: string }).url, tokenOf('orders-leader'));
    last.client.close();
    expect(last.welcome.auditAnchor).toEqual(head);
    // Another user's anchor is their own.
    const other = await WireClient.signIn((relays[0] as { url: string }).url, tokenOf('stakeholder'));
    other.client.close();
    expect(other.welcome.auditAnchor).toBeNull();
  });
});

describe('a floor whose source takes no commands', () => {
  it('refuses every command with a reason naming the source', async () => {
    const lines = await ModelFloor.open(floor.nats.url, 'json-lines', { source: { name: 'genesys adapter', commands: false } });
    cleanup(() => lines.close());
    await lines.advance(10_000);
    const relay = await startWireRelay(floor.nats.url, 'json-lines');
    cleanup(() => relay.close());
    await waitFor(() => relay.headSeq() === lines.publisher.headSeq, { what: 'the relay to follow the floor' });
    const { client } = await WireClient.signIn(relay.url, 'admin-token-0123456789');
    cleanup(() => client.close());
    const answer = await client.command('cmd-lines', { type: 'queue.set_mitigation', queueId: 'q-orders', state: 'paused' });
    expect(answer).toMatchObject({ commandId: 'cmd-lines', ok: false });
    expect(answer.code).toBeUndefined();
    expect(answer.reason).toMatch(/genesys adapter/);
    expect((await lines.log.jsm.streams.info(lines.log.names.commandsStream)).state.messages).toBe(0);
  });
});
