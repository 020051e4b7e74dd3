/**
 * The agent-time sums (migration 220) against the status intervals and assignments they sum, on a
 * real store file: random intervals (some open) and assignments, summed by the background pass,
 * then changed as the floor changes them (intervals closed, re-opened, deleted; facts recomputed
 * and deleted), give every agent-time widget the same figures through the sums as through the
 * intervals and assignments, in zones offset by half and quarter hours, across the Paris
 * fall-back, filtered and for a scoped user; before the pass catches up as after.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { AgentTimeSumsReader, AgentTimeSumsWriter, completeAgentTimeSums, workOf } from '../../../../src-main/core/insights/agent-time-sums.js';
import { bySpan } from '../../../../src-main/core/insights/quarter-ranges.js';
import { createInsightsEngine, type InsightsEngine } from '../../../../src-main/core/insights/insights-engine.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { insightQuerySchema, type InsightDimension, type InsightMetric, type InsightResult } from '../../../../src-shared/api/insights.js';
import type { QueueGroup } from '../../../../src-shared/api/live-insights.js';
import { supportsDimension } from '../../../../src-shared/insights/metric-catalogue.js';
import { tempDir } from '../../../support/host-process.js';
import { expectClose, expectSameResult as expectSameResultAs } from './same-result.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Ten days around the end of summer time in Europe (25 October 2026). */
const START = Date.UTC(2026, 9, 20);
const END = Date.UTC(2026, 9, 30);
/** The floor's clock: open intervals end here, inside a quarter hour. */
const NOW = END - 2 * DAY_MS + 7 * MINUTE_MS + 13_000;
const QUEUES = ['q1', 'q2', 'q3'];
const AGENTS = [
  { agentId: 'a1', teamId: 't1', location: 'Paris', slots: 3, queueIds: ['q1', 'q2'] },
  { agentId: 'a2', teamId: 't1', location: 'Lyon', slots: 1, queueIds: ['q2'] },
  { agentId: 'a3', teamId: 't2', location: 'Paris', slots: 2, queueIds: ['q3'] },
  { agentId: 'a4', teamId: 't2', location: '', slots: 4, queueIds: ['q1', 'q3'] },
];
const GROUPS: readonly QueueGroup[] = [
  { groupId: 'g1', name: 'One and two', channel: 'chat', queueIds: ['q1', 'q2'], preset: true },
  { groupId: 'g2', name: 'Three', channel: 'chat', queueIds: ['q3'], preset: false },
];
const ZONES = ['Europe/Paris', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Adelaide', 'UTC'];
const METRICS: readonly InsightMetric[] = ['occupancy', 'utilisation', 'concurrency', 'loggedInAgents', 'statusTime'];
const DIMENSIONS: readonly InsightDimension[] = ['none', 'interval', 'agent', 'team', 'location', 'status', 'awayReason', 'hourOfWeek'];

let dir: string;
let store: Store;
let fromSums: InsightsEngine;
let fromIntervals: InsightsEngine;
/** Agents added by the property, each run its own. */
let lateAgents = 0;

beforeAll(() => {
  dir = tempDir('agent-time-sums');
  store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const db = store.database;
  for (const agent of AGENTS) {
    db.prepare('INSERT INTO agents (agent_id, name, team_id, team_name, location, slots, queue_ids, first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)').run(
      agent.agentId,
      agent.agentId.toUpperCase(),
      agent.teamId,
      agent.teamId.toUpperCase(),
      agent.location,
      agent.slots,
      JSON.stringify(agent.queueIds),
    );
  }
  // Conversations at both ends, so the cache covers the whole span (figures known, not null).
  db.prepare("INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at) VALUES ('last', 'q1', 'chat', 'ended', ?, ?)").run(END, END);
  const deps = { groups: () => GROUPS, now: () => NOW };
  fromSums = store.repository((connection) => createInsightsEngine({ db: connection, ...deps }));
  fromIntervals = store.repository((connection) => createInsightsEngine({ db: connection, ...deps, agentTime: 'intervals' }));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One agent's day: consecutive intervals from an offset, the last one possibly open. */
const shiftArbitrary = fc.record({
  agent: fc.constantFrom(...AGENTS.map((agent) => agent.agentId)),
  startOffset: fc.integer({ min: 0, max: 9 * DAY_MS }),
  spells: fc.array(
    fc.record({
      minutes: fc.integer({ min: 1, max: 600 }),
      seconds: fc.integer({ min: 0, max: 59 }),
      kind: fc.constantFrom('available', 'away', 'offline'),
      reason: fc.constantFrom('Lunch', 'Training', 'After-contact work'),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  open: fc.boolean(),
});
type Shift = typeof shiftArbitrary extends fc.Arbitrary<infer T> ? T : never;

const assignmentArbitrary = fc.record({
  createdAt: fc.integer({ min: START, max: END - 1 }),
  waitMs: fc.integer({ min: 0, max: 30 * MINUTE_MS }),
  handleMs: fc.integer({ min: 0, max: 180 * MINUTE_MS }),
  agent: fc.constantFrom(...AGENTS.map((agent) => agent.agentId)),
  queueId: fc.constantFrom(...QUEUES),
});
type Assignment = typeof assignmentArbitrary extends fc.Arbitrary<infer T> ? T : never;

function insertShift(shift: Shift): void {
  let time = START + shift.startOffset;
  shift.spells.forEach((spell, index) => {
    const end = time + spell.minutes * MINUTE_MS + spell.seconds * 1000;
    const open = shift.open && index === shift.spells.length - 1;
    store.database
      .prepare('INSERT OR IGNORE INTO status_intervals (agent_id, kind, reason, start_at, end_at) VALUES (?, ?, ?, ?, ?)')
      .run(shift.agent, spell.kind, spell.kind === 'away' ? spell.reason : '', time, open ? null : end);
    time = end;
  });
}

function insertAssignment(id: string, assignment: Assignment): void {
  const assignedAt = assignment.createdAt + assignment.waitMs;
  store.database
    .prepare(
      `INSERT INTO insight_facts (created_at, conversation_id, queue_id, channel, intent, agent_id, offered, queued, assigned, abandoned,
         assigned_at, ended_at, response_ms_sum, responses, sl_eligible, sl_met, transfers, timed_out, bot_messages, contained, computed_at)
       VALUES (?, ?, ?, 'chat', '', ?, 1, 1, 1, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
    )
    .run(assignment.createdAt, id, assignment.queueId, assignment.agent, assignedAt, assignedAt + assignment.handleMs);
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

const queryArbitrary = fc
  .record({
    dimension: fc.constantFrom(...DIMENSIONS),
    split: fc.option(fc.constantFrom(...DIMENSIONS.filter((dimension) => dimension !== 'none')), { nil: null, freq: 2 }),
    metrics: fc.uniqueArray(fc.constantFrom(...METRICS), { minLength: 1, maxLength: 5 }),
    zone: fc.constantFrom(...ZONES),
    interval: fc.constantFrom('15m' as const, 'hour' as const, 'day' as const, 'week' as const),
    fromDay: fc.integer({ min: 0, max: 9 }),
    days: fc.integer({ min: 1, max: 6 }),
    filters: fc.record(
      { queueIds: fc.subarray(QUEUES), groupIds: fc.subarray(['g1', 'g2']), agentIds: fc.subarray(['a1', 'a2', 'a4']), teamIds: fc.subarray(['t1', 't2']), locations: fc.subarray(['Paris', 'Lyon', '']) },
      { requiredKeys: [] },
    ),
    scoped: fc.boolean(),
  })
  // Half the queries see the whole floor (no scope, no filter): those the floor's sums (migration 270) answer.
  .chain((query) => fc.boolean().map((wholeFloor) => (wholeFloor ? { ...query, filters: {}, scoped: false } : query)))
  .map((query) => ({ ...query, metrics: query.metrics.filter((metric) => supportsDimension(metric, query.dimension) && (query.split === null || supportsDimension(metric, query.split))) }))
  .filter((query) => query.metrics.length > 0);
type Query = typeof queryArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Same rows and cells; hours are sums of reals added per quarter on one side and per piece on the other. */
function expectSameResult(sums: InsightResult, reference: InsightResult): void {
  expectSameResultAs(sums, reference, (cell, other) => {
    expectClose(cell.value, other?.value ?? null, 6);
    expectClose(cell.numerator, other?.numerator ?? null, 6);
    expectClose(cell.denominator, other?.denominator ?? null, 6);
  });
}

function expectSameFigures(queries: readonly Query[]): void {
  for (const query of queries) {
    const from = START + query.fromDay * DAY_MS;
    const input = insightQuerySchema.parse({
      // A table's rows are ordered by the first figure; equal figures summed in another order could swap two rows.
      widget: { id: 'w', title: 'W', metrics: query.metrics, dimension: query.dimension, split: query.split, chart: 'table', limit: 500 },
      range: { from: day(from), to: day(Math.min(from + (query.days - 1) * DAY_MS, END - DAY_MS)) },
      interval: query.interval,
      timeZone: query.zone,
      compare: true,
      filters: query.filters,
    });
    const access = accessFor({ userId: 'u', displayName: 'U', role: 'wfm_leader', queueScope: query.scoped ? ['q1', 'q2'] : null });
    const sums = fromSums.query(access, input);
    const reference = fromIntervals.query(access, input);
    const byKey = (result: InsightResult) => ({ ...result, rows: [...result.rows].sort((left, right) => `${left.key}\u0000${left.splitKey}`.localeCompare(`${right.key}\u0000${right.splitKey}`)) });
    expectSameResult(byKey(sums), byKey(reference));
  }
}

/** The floor's sums equal the per-agent sums of the agents counted there, summed with each agent's recorded slots. */
function expectFloorSums(): void {
  const db = store.database;
  const rows = (sql: string) => db.prepare(sql).raw(true).all();
  const counted = 'agent_id IN (SELECT agent_id FROM floor_time_slots)';
  expect(rows('SELECT span, bucket, kind, reason, ms, slot_ms FROM floor_status_sums WHERE ms <> 0 OR slot_ms <> 0 ORDER BY 1, 2, 3, 4')).toEqual(
    rows(
      `SELECT s.span, s.bucket, s.kind, s.reason, sum(s.ms), sum(s.ms * f.slots) FROM agent_status_sums AS s JOIN floor_time_slots AS f ON f.agent_id = s.agent_id
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    ),
  );
  expect(rows('SELECT span, bucket, agents, handled_ms, busy_ms FROM floor_time_buckets WHERE agents <> 0 OR busy_ms <> 0 OR handled_ms <> 0 ORDER BY 1, 2')).toEqual(
    rows(
      `SELECT span, bucket, sum(agents), sum(handled), sum(busy) FROM (
         SELECT span, bucket, count(DISTINCT agent_id) AS agents, 0 AS handled, 0 AS busy FROM agent_status_sums WHERE ${counted} GROUP BY 1, 2
         UNION ALL SELECT span, bucket, 0, sum(ms * json_array_length(queues)), sum(ms) FROM agent_work_sums WHERE ${counted} GROUP BY 1, 2
       ) GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  );
  // Every agent with rows is counted or waits to be.
  expect(rows(`SELECT DISTINCT agent_id FROM agent_work_sums WHERE NOT ${counted} AND agent_id NOT IN (SELECT agent_id FROM floor_time_waiting)`)).toEqual([]);
}

function reset(): void {
  store.database.exec('DELETE FROM status_intervals; DELETE FROM insight_facts;');
  completeAgentTimeSums(store.database);
  expect(store.database.prepare('SELECT (SELECT count(*) FROM agent_status_sums) + (SELECT count(*) FROM agent_work_sums)').pluck().get()).toBe(0);
}

describe('agent-time sums', () => {
  it('give every agent-time widget the figures of the intervals and assignments, through changes, before and after the pass (property)', () => {
    fc.assert(
      fc.property(
        fc.array(shiftArbitrary, { minLength: 1, maxLength: 12 }),
        fc.array(assignmentArbitrary, { minLength: 1, maxLength: 60 }),
        fc.array(queryArbitrary, { minLength: 1, maxLength: 4 }),
        fc.record({
          closeAt: fc.integer({ min: 1, max: 300 }),
          reopened: fc.nat(),
          deleted: fc.nat(),
          recomputed: fc.array(fc.tuple(fc.nat(), assignmentArbitrary), { maxLength: 5 }),
          removed: fc.array(fc.nat(), { maxLength: 5 }),
          laterShifts: fc.array(shiftArbitrary, { maxLength: 3 }),
          slots: fc.option(fc.tuple(fc.constantFrom(...AGENTS.map((agent) => agent.agentId)), fc.integer({ min: 1, max: 6 })), { nil: null }),
          lateAgent: fc.option(fc.array(assignmentArbitrary, { minLength: 1, maxLength: 5 }), { nil: null }),
          passAgain: fc.boolean(),
        }),
        (shifts, assignments, queries, changes) => {
          const db = store.database;
          reset();
          for (const agent of AGENTS) db.prepare('UPDATE agents SET slots = ? WHERE agent_id = ?').run(agent.slots, agent.agentId);
          // An agent seen only in assignments: the engine does not know it until it is in `agents`.
          lateAgents += 1;
          const late = `late${lateAgents}`;
          db.transaction(() => {
            shifts.forEach(insertShift);
            assignments.forEach((assignment, index) => insertAssignment(`c${index}`, assignment));
            changes.lateAgent?.forEach((assignment, index) => insertAssignment(`l${index}`, { ...assignment, agent: late }));
          })();
          expectSameFigures(queries);
          completeAgentTimeSums(db);
          const reader = new AgentTimeSumsReader(db);
          expect(reader.floorReady()).toBe(true);
          expectFloorSums();
          expectSameFigures(queries);

          // The floor moves on: open intervals close, new ones start, a replayed status re-opens a
          // summed interval, an agent's interval goes, facts are recomputed and purged.
          db.prepare('UPDATE status_intervals SET end_at = start_at + ? WHERE end_at IS NULL').run(changes.closeAt * MINUTE_MS);
          changes.laterShifts.forEach(insertShift);
          const ids = db.prepare('SELECT id FROM status_intervals ORDER BY id').pluck().all() as number[];
          const reopened = ids[changes.reopened % ids.length];
          if (reopened !== undefined) db.prepare("UPDATE status_intervals SET kind = 'away', reason = 'Lunch', end_at = NULL WHERE id = ?").run(reopened);
          const deleted = ids[changes.deleted % ids.length];
          if (deleted !== undefined && deleted !== reopened) db.prepare('DELETE FROM status_intervals WHERE id = ?').run(deleted);
          for (const [index, assignment] of changes.recomputed) {
            const id = `c${index % assignments.length}`;
            db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(id);
            insertAssignment(id, assignment);
          }
          for (const index of changes.removed) db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(`c${index % assignments.length}`);
          // An agent's slots change: occupancy is read per agent until the pass moves the floor's slot time.
          if (changes.slots !== null) db.prepare('UPDATE agents SET slots = ? WHERE agent_id = ?').run(changes.slots[1], changes.slots[0]);
          // The agent seen only in assignments logs in: its earlier work counts, per agent until the pass counts it on the floor.
          if (changes.lateAgent !== null) {
            db.prepare("INSERT INTO agents (agent_id, name, team_id, team_name, location, slots, queue_ids, first_seen_at) VALUES (?, ?, 't1', 'T1', 'Paris', 2, '[\"q1\"]', 0)").run(late, late);
          }
          expectSameFigures(queries);
          if (changes.passAgain) {
            completeAgentTimeSums(db);
            expect(reader.floorReady()).toBe(true);
            expectFloorSums();
            expectSameFigures(queries);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives the whole floor’s figures per interval from the floor’s sums, open intervals included', () => {
    reset();
    const db = store.database;
    for (const agent of AGENTS) db.prepare('UPDATE agents SET slots = ? WHERE agent_id = ?').run(agent.slots, agent.agentId);
    const at = (hours: number, minutes = 0) => START + DAY_MS + hours * 3_600_000 + minutes * MINUTE_MS;
    const spell = db.prepare('INSERT INTO status_intervals (agent_id, kind, reason, start_at, end_at) VALUES (?, ?, ?, ?, ?)');
    // a1 from 08:10 to 10:40 and again 11:05–11:20; a2 08:00–09:00 away; a3 across midnight; a4 away for
    // half an hour, then available and still open, both in the hour before NOW's (one agent, counted once).
    spell.run('a1', 'available', '', at(8, 10), at(10, 40));
    spell.run('a1', 'available', '', at(11, 5), at(11, 20));
    spell.run('a2', 'away', 'Lunch', at(8), at(9));
    spell.run('a3', 'available', '', at(-2), at(3));
    spell.run('a4', 'away', 'Training', NOW - 90 * MINUTE_MS, NOW - 60 * MINUTE_MS);
    spell.run('a4', 'available', '', NOW - 60 * MINUTE_MS, null);
    insertAssignment('c1', { createdAt: at(8, 30), waitMs: 60_000, handleMs: 50 * MINUTE_MS, agent: 'a1', queueId: 'q1' });
    insertAssignment('c2', { createdAt: at(9), waitMs: 0, handleMs: 20 * MINUTE_MS, agent: 'a1', queueId: 'q2' });
    completeAgentTimeSums(db);
    expect(new AgentTimeSumsReader(db).floorReady()).toBe(true);
    const queries: Query[] = (['15m', 'hour', 'day'] as const).flatMap((interval) =>
      ['UTC', 'Europe/Paris', 'Asia/Kolkata'].flatMap((zone) =>
        [0, 7].map((fromDay) => ({ dimension: 'interval' as const, split: null, metrics: [...METRICS], zone, interval, fromDay, days: 3, filters: {}, scoped: false })),
      ),
    );
    expectSameFigures(queries);
  });

  it('keeps each summed interval once: closed time in the sums equals the closed intervals, open ones are read live', () => {
    reset();
    const db = store.database;
    const at = (hours: number) => START + hours * 3_600_000;
    db.prepare("INSERT INTO status_intervals (agent_id, kind, reason, start_at, end_at) VALUES ('a1', 'available', '', ?, ?)").run(at(1) + 7 * MINUTE_MS, at(3));
    db.prepare("INSERT INTO status_intervals (agent_id, kind, reason, start_at, end_at) VALUES ('a1', 'away', 'Lunch', ?, NULL)").run(at(3));
    db.prepare("INSERT INTO status_intervals (agent_id, kind, reason, start_at, end_at) VALUES ('a2', 'offline', '', ?, ?)").run(at(0), at(5));
    const writer = new AgentTimeSumsWriter(db);
    while (!writer.step({ ms: 0 }));
    const summed = (span = 1) => db.prepare('SELECT kind, sum(ms) AS ms, count(*) AS quarters FROM agent_status_sums WHERE span = ? GROUP BY kind ORDER BY kind').all(span);
    // 01:07–03:00 cut at quarters: 8 minutes, then seven whole quarters; offline time is not summed; the open spell waits.
    expect(summed()).toEqual([{ kind: 'available', ms: 113 * MINUTE_MS, quarters: 8 }]);
    // The same time in hours (01:07–02:00, 02:00–03:00) and in one day.
    expect(summed(4)).toEqual([{ kind: 'available', ms: 113 * MINUTE_MS, quarters: 2 }]);
    expect(summed(96)).toEqual([{ kind: 'available', ms: 113 * MINUTE_MS, quarters: 1 }]);
    expect(db.prepare('SELECT id FROM agent_status_pending').pluck().all()).toHaveLength(1);
    db.prepare("UPDATE status_intervals SET end_at = ? WHERE agent_id = 'a1' AND end_at IS NULL").run(at(3) + 20 * MINUTE_MS);
    while (!writer.step());
    expect(summed()).toEqual([
      { kind: 'available', ms: 113 * MINUTE_MS, quarters: 8 },
      { kind: 'away', ms: 20 * MINUTE_MS, quarters: 2 },
    ]);
    // A replayed status re-opens the summed lunch: its time is taken away until it closes again.
    db.prepare("UPDATE status_intervals SET end_at = NULL WHERE agent_id = 'a1' AND kind = 'away'").run();
    expect(new AgentTimeSumsReader(db).statusReady()).toBe(false);
    while (!writer.step());
    expect(summed()).toEqual([{ kind: 'available', ms: 113 * MINUTE_MS, quarters: 8 }]);
    expect(summed(96)).toEqual([{ kind: 'available', ms: 113 * MINUTE_MS, quarters: 1 }]);
    expect(new AgentTimeSumsReader(db).statusReady()).toBe(true);
  });

  it('reads a range as days inside and hours and quarters at its edges', () => {
    // From 05:30 on day 1 (quarter 118) to 04:00 on day 4 (quarter 400), one member.
    expect(bySpan([[118, 400, -1]])).toEqual([
      [118, 120, -1, 1],
      [120, 192, -1, 4],
      [192, 384, -1, 96],
      [384, 400, -1, 4],
    ]);
    // Two members are never read as one run.
    expect(bySpan([[0, 4, 0], [4, 8, 4]])).toEqual([
      [0, 4, 0, 4],
      [4, 8, 4, 4],
    ]);
  });

  it('sums an agent’s concurrent conversations per quarter by the multiset of their queues', () => {
    const q = 900_000;
    // q1 over [0, 2q), q2 over [q/2, q + q/2), q1 again over [q, 3q): one quarter holds q1 then q1+q2.
    const work = workOf(
      [
        [0, 2 * q, 'q1'],
        [q / 2, q + q / 2, 'q2'],
        [q, 3 * q, 'q1'],
      ],
      0,
      2,
    );
    expect(Object.fromEntries([...work].map(([quarter, keys]) => [quarter, Object.fromEntries(keys)]))).toEqual({
      0: { '["q1"]': q / 2, '["q1","q2"]': q / 2 },
      1: { '["q1","q1","q2"]': q / 2, '["q1","q1"]': q / 2 },
      2: { '["q1"]': q },
    });
  });
});
