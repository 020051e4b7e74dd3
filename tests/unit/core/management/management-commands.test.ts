/**
 * Management's commands end to end through the real core and the embedded simulator: each is
 * checked, audited, sent to the feed and acked, and its effect comes back as ordinary events that
 * move the directory, the queue settings and the tiles.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../../src-main/core/api/session.js';
import { createCore, type Core } from '../../../../src-main/core/core.js';
import type { Command } from '../../../../src-shared/api/contract.js';
import type { ActionReceipt, AuditRecord } from '../../../../src-shared/api/live-insights.js';
import type { QueueSettings, UserPage, UserRow } from '../../../../src-shared/api/management.js';
import type { QueueTile } from '../../../../src-shared/api/live.js';
import type { BusinessHours } from '../../../../src-shared/protocol/events.js';
import type { Result } from '../../../../src-shared/result.js';
import { busyAfternoon } from '../../../support/busy-floor.js';
import { tempDir, waitFor } from '../../../support/host-process.js';

const ADMIN: Session = { userId: 'admin', displayName: 'Ada', role: 'admin', queueScope: null };
const LEADER: Session = { userId: 'wfm-leader', displayName: 'Morgan', role: 'wfm_leader', queueScope: null };

let dataDir: string;
let core: Core;
const tiles = new Map<string, QueueTile>();
let stopOverview: () => void = () => undefined;

beforeAll(async () => {
  dataDir = tempDir('management-core');
  core = await createCore({ dataDir, feed: { kind: 'embedded-simulator', seed: 21, speed: 5, agents: 24, queues: 6, startTime: busyAfternoon(), user: 'admin' }, backfillDays: 0 });
  const subscribed = core.api.subscribe(LEADER, { topic: 'overview' }, (message) => {
    for (const tile of message.kind === 'snapshot' ? message.queues : message.upsert) tiles.set(tile.queueId, tile);
  });
  if (!subscribed.ok) throw new Error(subscribed.error);
  stopOverview = subscribed.value;
  await waitFor(() => core.feedStatus().connection === 'live' && tiles.size >= 6 && users().total > 0, { what: 'the core live with its directory' });
});

afterAll(async () => {
  stopOverview();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function users(search?: string): UserPage {
  const result = core.api.query(ADMIN, { type: 'management.users', filter: search === undefined ? {} : { search }, sort: { key: 'name', direction: 'asc' }, offset: 0, limit: 500 });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function row(userId: string): UserRow | undefined {
  return users(userId).rows.find((candidate) => candidate.userId === userId);
}

function queues(): readonly QueueSettings[] {
  const result = core.api.query(LEADER, { type: 'management.queues' });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function acked(session: Session, command: Command): Promise<ActionReceipt> {
  const commandId = randomUUID();
  const result: Result<unknown> = await core.api.command(session, command, commandId);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error}`);
  const receipt = result.value as ActionReceipt;
  expect(receipt.outcome).toBe('acked');
  const audit = core.api.query(ADMIN, { type: 'audit.list', limit: 50 });
  expect(audit.ok && audit.value.find((record: AuditRecord) => record.auditId === receipt.auditId)).toMatchObject({ action: command.type, commandId, outcome: 'acked' });
  return receipt;
}

describe('management commands acked by the feed', () => {
  it("changes an agent's queues and slots, and the directory row follows", async () => {
    const all = queues();
    // A chat agent (a voice agent takes one call at a time) with another chat queue to join.
    const chatElsewhere = (queueIds: readonly string[]): boolean =>
      all.find((settings) => queueIds.includes(settings.queueId))?.channel === 'chat' && all.some((settings) => settings.channel === 'chat' && !queueIds.includes(settings.queueId));
    const agent = users().rows.find((candidate) => candidate.kind === 'agent' && candidate.queueIds.length > 0 && chatElsewhere(candidate.queueIds));
    if (!agent) throw new Error('no agent in the directory');
    // The floor decides what an agent can work: a queue of the channel of the agent's own queues.
    const channel = queues().find((settings) => agent.queueIds.includes(settings.queueId))?.channel;
    const otherQueue = queues().find((settings) => settings.channel === channel && !agent.queueIds.includes(settings.queueId))?.queueId;
    if (!otherQueue) throw new Error('no other queue');
    await acked(LEADER, { type: 'agent.queues', agentId: agent.userId, queueIds: [...agent.queueIds, otherQueue] });
    await waitFor(() => row(agent.userId)?.queueIds.includes(otherQueue), { what: 'the agent in the added queue' });
    const slots = agent.slots === 4 ? 3 : 4;
    await acked(LEADER, { type: 'agent.capacity', agentId: agent.userId, slots });
    await waitFor(() => row(agent.userId)?.slots === slots, { what: 'the new slots in the directory' });
  });

  it("changes someone's role and scope in the directory", async () => {
    const agent = users().rows.find((candidate) => candidate.kind === 'agent' && candidate.role === null && candidate.queueIds.length > 0);
    if (!agent) throw new Error('no agent without a role');
    await acked(ADMIN, { type: 'user.role', userId: agent.userId, role: 'wfm_leader', queueScope: [...agent.queueIds] });
    const after = await waitFor(() => (row(agent.userId)?.role === 'wfm_leader' ? row(agent.userId) : undefined), { what: 'the new role in the directory' });
    expect(after.queueScope).toEqual(agent.queueIds);
  });

  it("sets a queue's business hours so it is closed now: its settings and its tile say closed, until when", async () => {
    const target = queues()[0];
    if (!target) throw new Error('no queue');
    const closedToday: BusinessHours = { windows: [], holidays: [], closedMessage: 'Closed for stocktaking.' };
    await acked(LEADER, { type: 'queue.business_hours', queueId: target.queueId, businessHours: closedToday });
    const settings = await waitFor(() => queues().find((candidate) => candidate.queueId === target.queueId && candidate.businessHours.closedMessage !== undefined), { what: 'the new hours' });
    expect(settings.businessHours).toEqual(closedToday);
    expect(settings.hours).toMatchObject({ open: false, closedBy: 'hours' });
    await waitFor(() => tiles.get(target.queueId)?.hours.open === false, { what: 'the tile closed' });
  });

  it("sets a queue's organisation thresholds, which its tile is judged by", async () => {
    const target = queues()[1];
    if (!target) throw new Error('no queue');
    const thresholds = { ...target.thresholds, queuedLow: 0, queuedHigh: 1, longestWaitSec: 1 };
    await acked(LEADER, { type: 'queue.thresholds', queueId: target.queueId, thresholds });
    await waitFor(() => queues().find((candidate) => candidate.queueId === target.queueId)?.thresholds.longestWaitSec === 1, { what: 'the new thresholds' });
    await waitFor(() => tiles.get(target.queueId)?.thresholds.longestWaitSec === 1, { what: 'the tile judged by them' });
  });
});
