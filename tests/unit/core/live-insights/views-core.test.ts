/**
 * The live views through the real core: API service (roles), embedded simulator, feed client,
 * store and live state. The floor is random, so these check shapes and relations, not numbers.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { createCore, type Core } from '../../../../src-main/core/core.js';
import type { ConversationsMessage, LiveConversationRow, PerformanceMessage, QueueGroup, TranscriptMessage } from '../../../../src-shared/api/live-insights.js';
import type { OverviewMessage } from '../../../../src-shared/api/live.js';
import { tempDir, waitFor } from '../../../support/host-process.js';
import { busyAfternoon } from '../../../support/busy-floor.js';

const leader: Session = { userId: 'sup-lee', displayName: 'Lee', role: 'wfm_leader', queueScope: null };
const other: Session = { userId: 'sup-kim', displayName: 'Kim', role: 'wfm_leader', queueScope: null };
const stakeholder: Session = { userId: 'bs-ana', displayName: 'Ana', role: 'business_stakeholder', queueScope: null };

let dataDir: string;
let core: Core;
const stops: (() => void)[] = [];

beforeAll(async () => {
  dataDir = tempDir('views-core');
  core = await createCore({ dataDir, feed: { kind: 'embedded-simulator', seed: 23, speed: 5, agents: 30, queues: 6, startTime: busyAfternoon() }, backfillDays: 0 });
  await waitFor(() => core.feedStatus().connection === 'live', { what: 'the feed to be live' });
});

afterAll(async () => {
  for (const stop of stops) stop();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function presets(): readonly QueueGroup[] {
  const result = core.api.query(leader, { type: 'live.groups' });
  if (!result.ok) throw new Error(result.error);
  return result.value.filter((group) => group.preset);
}

describe('live views on the simulated floor', () => {
  it('list the feed\'s preset groups, one channel each', async () => {
    const groups = await waitFor(() => (presets().length > 0 ? presets() : null), { what: 'preset groups' });
    for (const group of groups) expect(group.queueIds.length).toBeGreaterThan(0);
    expect(new Set(groups.map((group) => group.groupId)).size).toBe(groups.length);
  });

  it('show a group\'s conversations, open one\'s transcript with both watchers, and the group\'s performance', async () => {
    const group = await waitFor(() => presets().find((candidate) => candidate.channel === 'chat'), { what: 'a chat preset' });
    const rows = new Map<string, LiveConversationRow>();
    const subscribed = core.api.subscribe(leader, { topic: 'live.conversations', target: { kind: 'group', groupId: group.groupId } }, (message: ConversationsMessage) => {
      if (message.kind === 'snapshot') for (const row of message.rows) rows.set(row.conversationId, row);
      else {
        for (const row of message.upsert) rows.set(row.conversationId, row);
        for (const conversationId of message.remove) rows.delete(conversationId);
      }
    });
    if (!subscribed.ok) throw new Error(subscribed.error);
    stops.push(subscribed.value);
    const row = await waitFor(() => [...rows.values()].find((candidate) => candidate.agentId !== null), { what: 'a conversation held by an agent' });
    expect(group.queueIds).toContain(row.queueId);

    const lee: TranscriptMessage[] = [];
    const kim: TranscriptMessage[] = [];
    const first = core.api.subscribe(leader, { topic: 'live.transcript', conversationId: row.conversationId }, (message) => lee.push(message));
    if (!first.ok) throw new Error(first.error);
    stops.push(first.value);
    const snapshot = lee[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(snapshot.header.conversationId).toBe(row.conversationId);
    expect(snapshot.entries.some((entry) => entry.kind === 'event' && entry.event === 'assigned')).toBe(true);
    const second = core.api.subscribe(other, { topic: 'live.transcript', conversationId: row.conversationId }, (message) => kim.push(message));
    if (!second.ok) throw new Error(second.error);
    await waitFor(() => lee.some((message) => message.kind === 'update' && message.watchers.length === 2), { what: 'Lee to see Kim watching' });
    second.value();
    await waitFor(() => lee[lee.length - 1]?.watchers.length === 1, { what: 'Lee to see Kim leave' });

    const performance: PerformanceMessage[] = [];
    const watched = core.api.subscribe(leader, { topic: 'live.performance', target: { kind: 'group', groupId: group.groupId }, period: 'now' }, (message) => performance.push(message));
    if (!watched.ok) throw new Error(watched.error);
    stops.push(watched.value);
    expect(performance[0]?.agents.length).toBeGreaterThan(0);
    await waitFor(() => performance.length >= 2, { what: 'a second performance snapshot' });
  });

  it('refuses transcripts to a business stakeholder, but shows them the group tiles', async () => {
    const refused = core.api.subscribe(stakeholder, { topic: 'live.transcript', conversationId: 'anything' }, () => undefined);
    expect(refused).toEqual({ ok: false, error: 'Your role (business_stakeholder) may not watch live.transcript.', code: 'forbidden' });
    const messages: OverviewMessage[] = [];
    const subscribed = core.api.subscribe(stakeholder, { topic: 'overview' }, (message) => messages.push(message));
    if (!subscribed.ok) throw new Error(subscribed.error);
    stops.push(subscribed.value);
    const snapshot = messages[0];
    if (snapshot?.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(snapshot.queues.filter((tile) => tile.group?.preset).length).toBe(presets().length);
  });
});
