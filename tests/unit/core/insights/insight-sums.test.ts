/**
 * insight_sums against insight_facts on a real store file: random facts inserted, recomputed
 * (delete then insert, as the facts pass does), changed in place and deleted (as retention does)
 * leave the sums equal to the facts summed afresh, and every widget gives the same figures read
 * from the sums as read from the facts, in zones offset by half and quarter hours and across DST.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { sumsKindFor } from '../../../../src-main/core/insights/conversation-sums.js';
import { createInsightsEngine, type InsightsEngine } from '../../../../src-main/core/insights/insights-engine.js';
import { INSIGHT_SUM_COLUMNS, INSIGHT_SUM_KINDS, SUM_BUCKET_MS } from '../../../../src-main/core/insights/migrations/0190-insight-sums.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { insightQuerySchema, type InsightDimension, type InsightMetric, type InsightResult } from '../../../../src-shared/api/insights.js';
import type { QueueGroup } from '../../../../src-shared/api/live-insights.js';
import { supportsDimension } from '../../../../src-shared/insights/metric-catalogue.js';
import { tempDir } from '../../../support/host-process.js';

const DAY_MS = 86_400_000;
/** Ten days around the end of summer time in Europe (25 October 2026). */
const START = Date.UTC(2026, 9, 20);
const END = Date.UTC(2026, 9, 30);
const QUEUES = ['q1', 'q2', 'q3'];
const GROUPS: readonly QueueGroup[] = [
  { groupId: 'g1', name: 'One and two', channel: 'chat', queueIds: ['q1', 'q2'], preset: true },
  { groupId: 'g2', name: 'Two and three', channel: 'chat', queueIds: ['q2', 'q3'], preset: false },
];
const ZONES = ['Europe/Paris', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Adelaide', 'UTC'];
const CONVERSATION_METRICS: readonly InsightMetric[] = [
  'offered', 'assigned', 'abandoned', 'abandonRate', 'averageAbandonTime', 'averageWait', 'averageHandleTime', 'averageFirstResponse',
  'averageResponse', 'serviceLevel', 'resolutionRate', 'transfers', 'timedOutByAgent', 'botConversations', 'botContained', 'botEscalated',
  'containmentRate', 'escalationRate', 'surveys', 'csatPositive', 'csatMean', 'sentimentMean',
];
const DIMENSIONS: readonly InsightDimension[] = [
  'none', 'interval', 'queue', 'group', 'channel', 'agent', 'team', 'location', 'intent', 'disposition', 'hourOfWeek', 'csatScore', 'escalationReason',
];

let dir: string;
let store: Store;
let fromSums: InsightsEngine;
let fromFacts: InsightsEngine;

beforeAll(() => {
  dir = tempDir('insight-sums');
  store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  // One conversation at the end, so the cache covers the whole span (figures known, not null).
  store.database
    .prepare("INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at) VALUES ('last', 'q1', 'chat', 'ended', ?, ?)")
    .run(END, END);
  const deps = { groups: () => GROUPS, now: () => END + DAY_MS };
  fromSums = store.repository((db) => createInsightsEngine({ db, ...deps }));
  fromFacts = store.repository((db) => createInsightsEngine({ db, ...deps, sums: 'facts' }));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
const ms = maybe(fc.integer({ min: 0, max: 3_600_000 }));

const factArbitrary = fc.record({
  createdAt: fc.integer({ min: START, max: END - 1 }),
  queueId: fc.constantFrom(...QUEUES),
  channel: fc.constantFrom('chat', 'voice'),
  intent: fc.constantFrom('billing', 'tech', ''),
  agentId: maybe(fc.constantFrom('a1', 'a2', '')),
  teamId: maybe(fc.constantFrom('t1', 't2')),
  location: maybe(fc.constantFrom('Paris', 'Lyon', '')),
  disposition: maybe(fc.constantFrom('resolved', 'unresolved', 'escalated')),
  offered: fc.constantFrom(0, 1),
  queued: fc.constantFrom(0, 1),
  assigned: fc.constantFrom(0, 1),
  abandoned: fc.constantFrom(0, 1),
  waitMs: ms,
  abandonMs: ms,
  handleMs: ms,
  firstResponseMs: ms,
  responseMsSum: fc.integer({ min: 0, max: 600_000 }),
  responses: fc.integer({ min: 0, max: 9 }),
  slEligible: fc.constantFrom(0, 1),
  slMet: fc.constantFrom(0, 1),
  transfers: fc.integer({ min: 0, max: 3 }),
  timedOut: fc.constantFrom(0, 1),
  botMessages: fc.integer({ min: 0, max: 3 }),
  contained: fc.constantFrom(0, 1),
  escalationReason: maybe(fc.constantFrom('Escalated: billing dispute', 'Asked for a person')),
  csat: maybe(fc.integer({ min: 1, max: 5 })),
  sentiment: maybe(fc.double({ min: -1, max: 1, noNaN: true })),
});
type Fact = typeof factArbitrary extends fc.Arbitrary<infer T> ? T : never;

function insertFact(id: string, fact: Fact): void {
  store.database
    .prepare(
      `INSERT INTO insight_facts (created_at, conversation_id, queue_id, channel, intent, agent_id, team_id, location, disposition,
         offered, queued, assigned, abandoned, assigned_at, ended_at, wait_ms, abandon_ms, handle_ms, first_response_ms, response_ms_sum,
         responses, sl_eligible, sl_met, transfers, timed_out, bot_messages, contained, escalation_reason, csat, sentiment, computed_at)
       VALUES (@createdAt, @id, @queueId, @channel, @intent, @agentId, @teamId, @location, @disposition,
         @offered, @queued, @assigned, @abandoned, NULL, NULL, @waitMs, @abandonMs, @handleMs, @firstResponseMs, @responseMsSum,
         @responses, @slEligible, @slMet, @transfers, @timedOut, @botMessages, @contained, @escalationReason, @csat, @sentiment, 0)`,
    )
    .run({ ...fact, id });
}

/** insight_sums as the facts sum afresh (what migration 190 builds), ordered, with the sentiment sum apart. */
function sumsAfresh(): unknown[][] {
  const columns = INSIGHT_SUM_COLUMNS.map(([, perRow]) => `sum(${perRow.replaceAll('$.', 'f.')})`).join(', ');
  return INSIGHT_SUM_KINDS.flatMap(([kind, key]) =>
    store.database
      .prepare(`SELECT '${kind}', f.created_at / ${SUM_BUCKET_MS}, f.queue_id, ${key.replaceAll('$.', 'f.')}, ${columns} FROM insight_facts AS f GROUP BY 2, 3, 4 ORDER BY 2, 3, 4`)
      .raw(true)
      .all() as unknown[][],
  );
}

function sumsKept(): unknown[][] {
  return INSIGHT_SUM_KINDS.flatMap(([kind]) =>
    store.database
      .prepare(`SELECT kind, bucket, queue_id, key, ${INSIGHT_SUM_COLUMNS.map(([column]) => column).join(', ')} FROM insight_sums WHERE kind = ? ORDER BY 2, 3, 4`)
      .raw(true)
      .all(kind) as unknown[][],
  );
}

const SENTIMENT_INDEX = 4 + INSIGHT_SUM_COLUMNS.findIndex(([column]) => column === 'sentiment_sum');

/** Equal, but for the sentiment sums: reals added in another order agree to rounding. */
function expectSameSums(kept: unknown[][], afresh: unknown[][]): void {
  expect(kept.length).toBe(afresh.length);
  kept.forEach((row, index) => {
    const other = afresh[index] ?? [];
    expect(row.filter((_, column) => column !== SENTIMENT_INDEX)).toEqual(other.filter((_, column) => column !== SENTIMENT_INDEX));
    expect(row[SENTIMENT_INDEX] as number).toBeCloseTo(other[SENTIMENT_INDEX] as number, 9);
  });
}

function expectSameResult(sums: InsightResult, facts: InsightResult): void {
  const close = (left: number | null, right: number | null) => {
    if (left === null || right === null) expect(left).toBe(right);
    else expect(left).toBeCloseTo(right, 9);
  };
  const sameCells = (left: InsightResult['totals'], right: InsightResult['totals']) => {
    expect(left.length).toBe(right.length);
    left.forEach((cell, index) => {
      const other = right[index];
      // Only sentiment is a sum of reals; every other figure is a sum of whole numbers, exact.
      if (sums.metrics[index] === 'sentimentMean') {
        close(cell.value, other?.value ?? null);
        close(cell.numerator, other?.numerator ?? null);
        expect(cell.denominator).toBe(other?.denominator);
      } else expect(cell).toEqual(other);
    });
  };
  expect({ ...sums, rows: [], totals: [], previousTotals: null }).toEqual({ ...facts, rows: [], totals: [], previousTotals: null });
  expect(sums.rows.map((row) => [row.key, row.label, row.splitKey, row.splitLabel])).toEqual(facts.rows.map((row) => [row.key, row.label, row.splitKey, row.splitLabel]));
  sums.rows.forEach((row, index) => sameCells(row.cells, facts.rows[index]?.cells ?? []));
  sameCells(sums.totals, facts.totals);
  if (sums.previousTotals !== null && facts.previousTotals !== null) sameCells(sums.previousTotals, facts.previousTotals);
  else expect(sums.previousTotals).toEqual(facts.previousTotals);
}

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

const queryArbitrary = fc
  .record({
    dimension: fc.constantFrom(...DIMENSIONS),
    split: maybe(fc.constantFrom(...DIMENSIONS.filter((dimension) => dimension !== 'none'))),
    metrics: fc.uniqueArray(fc.constantFrom(...CONVERSATION_METRICS), { minLength: 1, maxLength: 4 }),
    sort: fc.constantFrom('descending' as const, 'ascending' as const),
    limit: fc.integer({ min: 1, max: 30 }),
    zone: fc.constantFrom(...ZONES),
    interval: fc.constantFrom('15m' as const, 'hour' as const, 'day' as const, 'week' as const),
    fromDay: fc.integer({ min: 0, max: 9 }),
    days: fc.integer({ min: 1, max: 6 }),
    filters: fc.record(
      {
        queueIds: fc.subarray(QUEUES),
        groupIds: fc.subarray(['g1', 'g2']),
        channels: fc.subarray(['chat', 'voice'] as const),
        agentIds: fc.subarray(['a1', 'a2']),
        teamIds: fc.subarray(['t1', 't2']),
        locations: fc.subarray(['Paris', 'Lyon', '']),
        intents: fc.subarray(['billing', 'tech', '']),
      },
      { requiredKeys: [] },
    ),
    scoped: fc.boolean(),
  })
  .map((query) => ({ ...query, metrics: query.metrics.filter((metric) => supportsDimension(metric, query.dimension) && (query.split === null || supportsDimension(metric, query.split))) }))
  .filter((query) => query.metrics.length > 0);

describe('insight_sums', () => {
  it('stays equal to the facts summed afresh through inserts, recomputations, changes and deletes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(factArbitrary, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        fc.array(fc.tuple(fc.nat(), factArbitrary), { maxLength: 15 }),
        (facts, removed, recomputed) => {
          const db = store.database;
          db.exec('DELETE FROM insight_facts');
          expect(db.prepare('SELECT count(*) FROM insight_sums').pluck().get()).toBe(0);
          db.transaction(() => facts.forEach((fact, index) => insertFact(`c${index}`, fact)))();
          for (const [index, fact] of recomputed) {
            const id = `c${index % facts.length}`;
            db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(id);
            insertFact(id, fact);
          }
          db.prepare("UPDATE insight_facts SET csat = 5, disposition = 'resolved', agent_id = 'a2' WHERE conversation_id = 'c0'").run();
          for (const index of removed) db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(`c${index % facts.length}`);
          expectSameSums(sumsKept(), sumsAfresh());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives every widget the same figures as the facts do, in any zone and with any filters (property)', () => {
    fc.assert(
      fc.property(fc.array(factArbitrary, { minLength: 1, maxLength: 120 }), fc.array(queryArbitrary, { minLength: 1, maxLength: 6 }), (facts, queries) => {
        const db = store.database;
        db.exec('DELETE FROM insight_facts');
        db.transaction(() => facts.forEach((fact, index) => insertFact(`c${index}`, fact)))();
        for (const query of queries) {
          const from = START + query.fromDay * DAY_MS;
          const input = insightQuerySchema.parse({
            widget: { id: 'w', title: 'W', metrics: query.metrics, dimension: query.dimension, split: query.split, chart: 'table', limit: query.limit, sort: query.sort },
            range: { from: day(from), to: day(Math.min(from + (query.days - 1) * DAY_MS, END - DAY_MS)) },
            interval: query.interval,
            timeZone: query.zone,
            compare: true,
            filters: query.filters,
          });
          const access = accessFor({ userId: 'u', displayName: 'U', role: 'wfm_leader', queueScope: query.scoped ? ['q1', 'q2'] : null });
          expectSameResult(fromSums.query(access, input), fromFacts.query(access, input));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('carries the facts of a conversation renamed for another feed epoch along, changing no sum', () => {
    const db = store.database;
    db.exec('DELETE FROM insight_facts');
    db.prepare("INSERT INTO conversations (conversation_id, queue_id, channel, state, state_at, created_at) VALUES ('c-7', 'q2', 'voice', 'ended', ?, ?)").run(START, START);
    fc.assert(
      fc.property(factArbitrary, (fact) => {
        db.exec("DELETE FROM insight_facts; UPDATE conversations SET conversation_id = 'c-7' WHERE conversation_id = 'c-7@old'");
        insertFact('c-7', fact);
        const before = sumsKept();
        db.prepare("UPDATE conversations SET conversation_id = 'c-7@old' WHERE conversation_id = 'c-7'").run();
        expect(db.prepare('SELECT conversation_id FROM insight_facts').pluck().all()).toEqual(['c-7@old']);
        expect(sumsKept()).toEqual(before);
      }),
      { numRuns: 10 },
    );
    db.exec("DELETE FROM insight_facts; DELETE FROM conversations WHERE conversation_id IN ('c-7', 'c-7@old')");
  });

  it('reads the sums for a widget with one conversation attribute on whole quarter hours, and the facts otherwise', () => {
    const selection = { from: START, to: END, queueIds: null, filters: {} };
    expect(sumsKindFor('agent', 'interval', selection)).toBe('agent');
    expect(sumsKindFor('interval', 'queue', { ...selection, filters: { channels: ['chat'] } })).toBe('channel');
    expect(sumsKindFor('none', null, selection)).toBe('none');
    expect(sumsKindFor('agent', null, { ...selection, filters: { agentIds: ['a1'] } })).toBe('agent');
    expect(sumsKindFor('agent', null, { ...selection, filters: { channels: ['chat'] } })).toBeNull();
    expect(sumsKindFor('intent', 'disposition', selection)).toBeNull();
    expect(sumsKindFor('none', null, { ...selection, filters: { locations: [''] } })).toBeNull();
    expect(sumsKindFor('none', null, { ...selection, from: START + 60_000 })).toBeNull();
  });
});
