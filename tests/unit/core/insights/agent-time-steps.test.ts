/**
 * The agent-time pass in steps bounded by time (ADR 0049, addendum 4), on real store files, with
 * status changes stored by the store's own ingest: over random floors — agents logging in, changing
 * status, logging out, their capacity changing, a replayed status re-opening a summed interval, an
 * interval deleted, assignments stored and purged, an agent known only from assignments logging in
 * late — stepped at random moments with random budgets on a clock the test moves, the pass keeps
 * every closed interval exactly once (in the sums or read live) after every step, and ends with
 * exactly the rows a full rebuild of the same file gives.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { AgentTimeSumsWriter, completeAgentTimeSums } from '../../../../src-main/core/insights/agent-time-sums.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { tempDir } from '../../../support/host-process.js';
import { sequence } from '../store/fixtures.js';

const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;
/** A Tuesday morning, in UTC. */
const START = Date.UTC(2026, 2, 10, 6, 0, 0);
const AGENTS = ['a1', 'a2', 'a3'];
/** Seen in assignments first; may log in later. */
const LATE = 'late';
const QUEUES = ['q1', 'q2'];

let dir: string;
let files = 0;

beforeAll(() => {
  dir = tempDir('agent-time-steps');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const stepArbitrary = fc.record({ op: fc.constant('step' as const), ms: fc.integer({ min: 0, max: 12 }) });
const opArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('status' as const), agent: fc.constantFrom(...AGENTS), gap: fc.integer({ min: 0, max: 180 }), kind: fc.constantFrom('available', 'away', 'offline'), reason: fc.constantFrom('Lunch', 'Training') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('logout' as const), agent: fc.constantFrom(...AGENTS), gap: fc.integer({ min: 0, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('capacity' as const), agent: fc.constantFrom(...AGENTS, LATE), slots: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reopen' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('assign' as const),
      agent: fc.constantFrom(...AGENTS, LATE),
      queue: fc.constantFrom(...QUEUES),
      offset: fc.integer({ min: 0, max: 8 * 60 }),
      // Some longer than a day's piece of quarters, up to the longest the pass looks back for (24 h).
      minutes: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1_440 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('login' as const), agent: fc.constantFrom(...AGENTS, LATE) }) },
  { weight: 5, arbitrary: stepArbitrary },
);
type Op = typeof opArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A store file of its own, its feed position, the floor's clock and a clock for the pass's budget that moves by `tick` at each read. */
function floor(tick: number) {
  files += 1;
  const store: Store = openStore({ path: join(dir, `steps-${files}.db`), migrations: AREA_MIGRATIONS });
  let seq = 0;
  let time = START;
  let monotonic = 0;
  const clock = (): number => (monotonic += tick);
  const ingest = (input: FloorEventInput): void => {
    seq += 1;
    store.ingestBatch({ stream: 'floor', epoch: 'e1', events: sequence([input], seq), lastSeq: seq });
  };
  const login = (agentId: string): void =>
    ingest({ type: 'agent.login', time, agentId, name: agentId.toUpperCase(), teamId: 't1', teamName: 'T1', location: 'Lyon', slots: 2, queueIds: QUEUES });
  const writer = store.repository((connection) => new AgentTimeSumsWriter(connection, clock));
  return {
    store,
    writer,
    clock,
    login,
    apply(op: Op, facts: string[]): void {
      const db = store.database;
      const ids = (): number[] => db.prepare('SELECT id FROM status_intervals ORDER BY id').pluck().all() as number[];
      switch (op.op) {
        case 'status':
          time += op.gap * MINUTE_MS + 1_000;
          ingest({ type: 'agent.status', time, agentId: op.agent, kind: op.kind, reason: op.kind === 'away' ? op.reason : '' });
          break;
        case 'logout':
          time += op.gap * MINUTE_MS + 1_000;
          ingest({ type: 'agent.logout', time, agentId: op.agent });
          break;
        case 'capacity':
          time += 1_000;
          ingest({ type: 'agent.capacity', time, agentId: op.agent, slots: op.slots });
          break;
        case 'login':
          time += 1_000;
          login(op.agent);
          break;
        case 'reopen': {
          // A replayed status re-opens an interval, summed or not.
          const id = ids()[op.pick % Math.max(1, ids().length)];
          if (id !== undefined) db.prepare("UPDATE status_intervals SET kind = 'away', reason = 'Lunch', end_at = NULL WHERE id = ?").run(id);
          break;
        }
        case 'delete': {
          const id = ids()[op.pick % Math.max(1, ids().length)];
          if (id !== undefined) db.prepare('DELETE FROM status_intervals WHERE id = ?').run(id);
          break;
        }
        case 'assign': {
          const conversationId = `c${facts.length}`;
          const assignedAt = START + op.offset * MINUTE_MS + 7_000;
          db.prepare(
            `INSERT INTO insight_facts (created_at, conversation_id, queue_id, channel, intent, agent_id, offered, queued, assigned, abandoned,
               assigned_at, ended_at, response_ms_sum, responses, sl_eligible, sl_met, transfers, timed_out, bot_messages, contained, computed_at)
             VALUES (?, ?, ?, 'chat', '', ?, 1, 1, 1, 0, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
          ).run(assignedAt, conversationId, op.queue, op.agent, assignedAt, assignedAt + op.minutes * MINUTE_MS);
          facts.push(conversationId);
          break;
        }
        case 'purge': {
          const conversationId = facts[op.pick % Math.max(1, facts.length)];
          if (conversationId !== undefined) db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(conversationId);
          break;
        }
        case 'step':
          writer.step({ ms: op.ms });
          break;
      }
    },
  };
}

/** Every closed interval (offline aside) once: in the sums, or read live by the engine (above summed_through, or pending). */
function expectEachIntervalOnce(store: Store): void {
  const db = store.database;
  if ((db.prepare('SELECT count(*) FROM agent_status_stale').pluck().get() as number) > 0) return;
  const summedOrLive = db
    .prepare(
      `SELECT agent_id, kind, reason, sum(ms) FROM (
         SELECT agent_id, kind, reason, ms FROM agent_status_sums WHERE span = 1
         UNION ALL SELECT agent_id, kind, reason, end_at - start_at FROM status_intervals
           WHERE end_at IS NOT NULL AND kind <> 'offline' AND (id > (SELECT summed_through FROM agent_time_state) OR id IN (SELECT id FROM agent_status_pending))
       ) GROUP BY 1, 2, 3 HAVING sum(ms) <> 0 ORDER BY 1, 2, 3`,
    )
    .raw(true)
    .all();
  const closed = db
    .prepare(`SELECT agent_id, kind, reason, sum(end_at - start_at) FROM status_intervals WHERE end_at IS NOT NULL AND kind <> 'offline' GROUP BY 1, 2, 3 HAVING sum(end_at - start_at) <> 0 ORDER BY 1, 2, 3`)
    .raw(true)
    .all();
  expect(summedOrLive).toEqual(closed);
}

const withRows = 'agent_id IN (SELECT agent_id FROM agent_status_sums UNION SELECT agent_id FROM agent_work_sums)';

/** What the pass keeps, as rows to compare. */
function passRows(store: Store): Record<string, unknown[]> {
  const rows = (sql: string) => store.database.prepare(sql).raw(true).all();
  return {
    status: rows('SELECT span, bucket, agent_id, kind, reason, ms FROM agent_status_sums ORDER BY 1, 2, 3, 4, 5'),
    work: rows('SELECT span, bucket, agent_id, queues, ms FROM agent_work_sums ORDER BY 1, 2, 3, 4'),
    floorStatus: rows('SELECT span, bucket, kind, reason, ms, slot_ms FROM floor_status_sums WHERE ms <> 0 OR slot_ms <> 0 ORDER BY 1, 2, 3, 4'),
    floorBuckets: rows('SELECT span, bucket, agents, handled_ms, busy_ms FROM floor_time_buckets WHERE agents <> 0 OR handled_ms <> 0 OR busy_ms <> 0 ORDER BY 1, 2'),
    // An agent's slots and waiting stay once its rows are gone (its assignments purged), as they always have: only agents with rows compare.
    slots: rows(`SELECT agent_id, slots FROM floor_time_slots WHERE ${withRows} ORDER BY 1`),
    waiting: rows(`SELECT agent_id FROM floor_time_waiting WHERE ${withRows} ORDER BY 1`),
    pending: rows('SELECT id FROM agent_status_pending ORDER BY 1'),
  };
}

/** The same file's pass state dropped and built again from nothing, in a copy: the reference. */
function rebuiltRows(store: Store): Record<string, unknown[]> {
  files += 1;
  const path = join(dir, `rebuilt-${files}.db`);
  store.database.prepare('VACUUM INTO ?').run(path);
  const copy = openStore({ path, migrations: AREA_MIGRATIONS });
  try {
    copy.database.exec(`
      DELETE FROM agent_status_sums; DELETE FROM agent_work_sums;
      DELETE FROM floor_status_sums; DELETE FROM floor_time_buckets; DELETE FROM floor_time_slots; DELETE FROM floor_time_waiting;
      DELETE FROM agent_status_pending; DELETE FROM agent_status_stale; DELETE FROM agent_status_touched; DELETE FROM agent_work_dirty;
      UPDATE agent_time_state SET summed_through = 0;
      INSERT INTO agent_work_dirty (agent_id, from_bucket, to_bucket)
        SELECT agent_id, min(assigned_at) / ${QUARTER_MS}, (max(ended_at) - 1) / ${QUARTER_MS} FROM insight_facts
        WHERE agent_id IS NOT NULL AND assigned_at IS NOT NULL AND ended_at > assigned_at GROUP BY agent_id;
    `);
    completeAgentTimeSums(copy.database);
    return passRows(copy);
  } finally {
    copy.close();
  }
}

/** Steps until the pass says it is done; a pass that never ends fails rather than hangs. */
function stepToEnd(writer: AgentTimeSumsWriter, ms: number): void {
  for (let steps = 0; !writer.step({ ms }); steps += 1) expect(steps).toBeLessThan(100_000);
}

describe('the agent-time pass in steps bounded by time', () => {
  it('keeps each closed interval once after every step and ends equal to a full rebuild (property)', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 1, maxLength: 70 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 6 }), (ops, tick, lastMs) => {
        const run = floor(tick);
        try {
          for (const agent of AGENTS) run.login(agent);
          const facts: string[] = [];
          for (const op of ops) {
            run.apply(op, facts);
            if (op.op === 'step') expectEachIntervalOnce(run.store);
          }
          stepToEnd(run.writer, lastMs);
          expectEachIntervalOnce(run.store);
          const db = run.store.database;
          expect(db.prepare('SELECT (SELECT count(*) FROM agent_status_touched) + (SELECT count(*) FROM agent_status_stale) + (SELECT count(*) FROM agent_work_dirty)').pluck().get()).toBe(0);
          expect(passRows(run.store)).toEqual(rebuiltRows(run.store));
        } finally {
          run.store.close();
        }
      }),
      {
        numRuns: 40,
        examples: [
          // The newest intervals deleted after the pass read past them, then a new one given a deleted one's id.
          [
            [
              { op: 'status', agent: 'a1', gap: 0, kind: 'available', reason: 'Lunch' },
              { op: 'status', agent: 'a2', gap: 0, kind: 'available', reason: 'Lunch' },
              { op: 'delete', pick: 0 },
              { op: 'step', ms: 0 },
              { op: 'delete', pick: 0 },
              { op: 'status', agent: 'a1', gap: 0, kind: 'available', reason: 'Lunch' },
            ],
            1,
            0,
          ],
        ],
      },
    );
  });

  it('does as much as its time allows, and at least one interval or piece of quarters a step', () => {
    const run = floor(1);
    try {
      const db = run.store.database;
      const spell = db.prepare("INSERT INTO status_intervals (agent_id, kind, reason, start_at, end_at) VALUES ('a1', 'available', '', ?, ?)");
      run.login('a1');
      for (let index = 0; index < 20; index += 1) spell.run(START + index * QUARTER_MS, START + (index + 1) * QUARTER_MS);
      const through = () => db.prepare('SELECT summed_through FROM agent_time_state').pluck().get() as number;
      const first = db.prepare('SELECT min(id) FROM status_intervals').pluck().get() as number;
      // The clock moves 1 ms at each look: a 5 ms step sums five intervals, a 0 ms step one.
      expect(run.writer.step({ ms: 5 })).toBe(false);
      expect(through()).toBe(first + 4);
      expect(run.writer.step({ ms: 0 })).toBe(false);
      expect(through()).toBe(first + 5);
      stepToEnd(run.writer, 3);
      expect(through()).toBe(first + 19);
      expect(db.prepare('SELECT sum(ms) FROM agent_status_sums WHERE span = 1').pluck().get()).toBe(20 * QUARTER_MS);
    } finally {
      run.store.close();
    }
  });

  it('rebuilds an agent’s long range a day of quarters a step when the time is short, the rest dirty again until done', () => {
    const run = floor(1);
    try {
      const db = run.store.database;
      run.login('a1');
      const facts: string[] = [];
      // Two assignments of a day each, overlapping: one range of 137 quarters, two pieces.
      run.apply({ op: 'assign', agent: 'a1', queue: 'q1', offset: 0, minutes: 1_440 }, facts);
      run.apply({ op: 'assign', agent: 'a1', queue: 'q2', offset: 600, minutes: 1_440 }, facts);
      const dirty = () => db.prepare('SELECT from_bucket, to_bucket FROM agent_work_dirty ORDER BY seq').raw(true).all();
      const first = Math.floor((START + 7_000) / QUARTER_MS);
      const last = Math.floor((START + 7_000 + (600 + 1_440) * MINUTE_MS - 1) / QUARTER_MS);
      expect(run.writer.step({ ms: 0 })).toBe(false);
      expect(dirty()).toEqual([[first + 96, last]]);
      expect(db.prepare('SELECT min(bucket), max(bucket) FROM agent_work_sums WHERE span = 1').raw(true).get()).toEqual([first, first + 95]);
      stepToEnd(run.writer, 0);
      expect(dirty()).toEqual([]);
      expect(passRows(run.store)).toEqual(rebuiltRows(run.store));
    } finally {
      run.store.close();
    }
  });

  it('looks again only at the pending intervals that changed, and sums one closed after it was seen open', () => {
    const run = floor(1);
    try {
      const db = run.store.database;
      for (const agent of AGENTS) run.login(agent);
      run.apply({ op: 'status', agent: 'a1', gap: 0, kind: 'available', reason: 'Lunch' }, []);
      run.apply({ op: 'status', agent: 'a2', gap: 0, kind: 'away', reason: 'Lunch' }, []);
      stepToEnd(run.writer, 10);
      expect(db.prepare('SELECT count(*) FROM agent_status_pending').pluck().get()).toBe(2);
      expect(db.prepare('SELECT count(*) FROM agent_status_touched').pluck().get()).toBe(0);
      // a2 logs out: its lunch closes, and only that interval is noted to look at.
      run.apply({ op: 'logout', agent: 'a2', gap: 30 }, []);
      expect(db.prepare('SELECT count(*) FROM agent_status_touched').pluck().get()).toBe(1);
      stepToEnd(run.writer, 10);
      expect(db.prepare("SELECT kind, sum(ms) FROM agent_status_sums WHERE span = 1 GROUP BY kind").raw(true).all()).toEqual([['away', 30 * MINUTE_MS + 1_000]]);
      expect(db.prepare('SELECT count(*) FROM agent_status_pending').pluck().get()).toBe(1);
    } finally {
      run.store.close();
    }
  });

  it('looks at the floor’s slots again after a step that failed, not only after the next directory change', () => {
    const run = floor(1);
    try {
      const db = run.store.database;
      const facts: string[] = [];
      for (const agent of AGENTS) run.login(agent);
      run.apply({ op: 'status', agent: 'a1', gap: 1, kind: 'available', reason: 'Lunch' }, facts);
      run.apply({ op: 'status', agent: 'a1', gap: 5, kind: 'away', reason: 'Lunch' }, facts);
      stepToEnd(run.writer, 5);
      // A slot change and a closed interval, and a step that fails after it moved the floor's slots,
      // while it sums the interval (a full disk, say): the whole step is rolled back.
      run.apply({ op: 'capacity', agent: 'a1', slots: 4 }, facts);
      run.apply({ op: 'status', agent: 'a1', gap: 5, kind: 'available', reason: 'Lunch' }, facts);
      db.exec("CREATE TEMP TRIGGER sums_fail BEFORE INSERT ON agent_status_sums BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      expect(() => run.writer.step({ ms: 5 })).toThrow(/disk full/);
      db.exec('DROP TRIGGER sums_fail');
      stepToEnd(run.writer, 5);
      expect(db.prepare("SELECT slots FROM floor_time_slots WHERE agent_id = 'a1'").pluck().get()).toBe(4);
      expect(passRows(run.store)).toEqual(rebuiltRows(run.store));
    } finally {
      run.store.close();
    }
  });
});
