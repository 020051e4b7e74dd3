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
import { INSIGHT_SUM_LEVEL_SPANS } from '../../../../src-main/core/insights/migrations/0250-insight-sum-levels.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import { insightQuerySchema, type InsightDimension, type InsightMetric, type InsightResult } from '../../../../src-shared/api/insights.js';
import type { QueueGroup } from '../../../../src-shared/api/live-insights.js';
import { supportsDimension } from '../../../../src-shared/insights/metric-catalogue.js';
import { tempDir } from '../../../support/host-process.js';
import { expectClose, expectSameResult as expectSameResultAs } from './same-result.js';

const DAY_MS = 86_400_000;
/** Ten days around the end of summer time in Europe (25 October 2026). */
const START = Date.UTC(2026, 9, 20);
const END = Date.UTC(2026, 9, 30);
const QUEUES = ['q1', 'q2', 'q3'];
const GROUPS: readonly QueueGroup[] = [
  { groupId: 'g1', name: 'One and two', channel: 'chat', queueIds: ['q1', 'q2'], preset: true },
  { groupId: 'g2', name: 'Two and three', channel: 'chat', queueIds: ['q2', 'q3'], preset: false },
];
const ZONES = ['Europe/Paris', 'Europe/London', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Adelaide', 'UTC'];
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

function insertFact(id: string, fact: Fact, db = store.database): void {
  db
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

/** insight_sums (span 1) or its hours and days (4, 96) as the facts sum afresh (what migrations 190 and 250 build), ordered. */
function sumsAfresh(span = 1, db = store.database): unknown[][] {
  const columns = INSIGHT_SUM_COLUMNS.map(([, perRow]) => `sum(${perRow.replaceAll('$.', 'f.')})`).join(', ');
  return INSIGHT_SUM_KINDS.flatMap(([kind, key]) =>
    db
      .prepare(
        `SELECT '${kind}', (f.created_at / ${SUM_BUCKET_MS * span}) * ${span}, f.queue_id, ${key.replaceAll('$.', 'f.')}, ${columns} FROM insight_facts AS f GROUP BY 2, 3, 4 ORDER BY 2, 3, 4`,
      )
      .raw(true)
      .all() as unknown[][],
  );
}

function sumsKept(span = 1, db = store.database): unknown[][] {
  const columns = `kind, bucket, queue_id, key, ${INSIGHT_SUM_COLUMNS.map(([column]) => column).join(', ')}`;
  const sql = span === 1 ? `SELECT ${columns} FROM insight_sums WHERE kind = ? ORDER BY 2, 3, 4` : `SELECT ${columns} FROM insight_sum_levels WHERE span = ${span} AND kind = ? ORDER BY 2, 3, 4`;
  return INSIGHT_SUM_KINDS.flatMap(([kind]) => db.prepare(sql).raw(true).all(kind) as unknown[][]);
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
  expectSameResultAs(sums, facts, (cell, other, index) => {
    // Only sentiment is a sum of reals; every other figure is a sum of whole numbers, exact.
    if (sums.metrics[index] === 'sentimentMean') {
      expectClose(cell.value, other?.value ?? null, 9);
      expectClose(cell.numerator, other?.numerator ?? null, 9);
      expect(cell.denominator).toBe(other?.denominator);
    } else expect(cell).toEqual(other);
  });
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
    interval: fc.constantFrom('15m' as const, 'hour' as const, 'day' as const, 'week' as const, 'month' as const),
    fromDay: fc.integer({ min: 0, max: 9 }),
    days: fc.integer({ min: 1, max: 10 }),
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
          expect(db.prepare('SELECT count(*) FROM insight_sum_levels').pluck().get()).toBe(0);
          db.transaction(() => facts.forEach((fact, index) => insertFact(`c${index}`, fact)))();
          for (const [index, fact] of recomputed) {
            const id = `c${index % facts.length}`;
            db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(id);
            insertFact(id, fact);
          }
          db.prepare("UPDATE insight_facts SET csat = 5, disposition = 'resolved', agent_id = 'a2' WHERE conversation_id = 'c0'").run();
          for (const index of removed) db.prepare('DELETE FROM insight_facts WHERE conversation_id = ?').run(`c${index % facts.length}`);
          for (const span of [1, ...INSIGHT_SUM_LEVEL_SPANS]) expectSameSums(sumsKept(span), sumsAfresh(span));
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
        const before96 = sumsKept(96);
        db.prepare("UPDATE conversations SET conversation_id = 'c-7@old' WHERE conversation_id = 'c-7'").run();
        expect(db.prepare('SELECT conversation_id FROM insight_facts').pluck().all()).toEqual(['c-7@old']);
        expect(sumsKept()).toEqual(before);
        expect(sumsKept(96)).toEqual(before96);
      }),
      { numRuns: 10 },
    );
    db.exec("DELETE FROM insight_facts; DELETE FROM conversations WHERE conversation_id IN ('c-7', 'c-7@old')");
  });

  it('builds the hours and days of an existing cache in migration 250, equal to the facts summed afresh', () => {
    const path = join(dir, 'before-250.db');
    // A cache as a release before migration 250 left it: the store's own later migrations (290) not run either.
    const before = openStore({ path, migrations: AREA_MIGRATIONS, schemaVersionLimit: 249 });
    const facts = fc.sample(factArbitrary, { numRuns: 200, seed: 250 });
    before.database.transaction(() => facts.forEach((fact, index) => insertFact(`m${index}`, fact, before.database)))();
    before.close();
    const after = openStore({ path, migrations: AREA_MIGRATIONS });
    try {
      for (const span of INSIGHT_SUM_LEVEL_SPANS) {
        expect(sumsKept(span, after.database).length).toBeGreaterThan(0);
        expectSameSums(sumsKept(span, after.database), sumsAfresh(span, after.database));
      }
    } finally {
      after.close();
    }
  });

  it('reads days and hours for a range of whole days, so a change to them shows in the figures', () => {
    const db = store.database;
    db.exec('DELETE FROM insight_facts');
    const facts = fc.sample(factArbitrary, { numRuns: 100, seed: 96 });
    db.transaction(() => facts.forEach((fact, index) => insertFact(`d${index}`, fact)))();
    const input = insightQuerySchema.parse({
      widget: { id: 'w', title: 'W', metrics: ['offered'], dimension: 'none', split: null, chart: 'kpi', limit: 1, sort: 'descending' },
      range: { from: day(START), to: day(END - DAY_MS) },
      interval: 'day',
      timeZone: 'UTC',
      compare: false,
      filters: {},
    });
    const access = accessFor({ userId: 'u', displayName: 'U', role: 'wfm_leader', queueScope: null });
    const offered = () => fromSums.query(access, input).totals[0]?.numerator;
    expect(offered()).toBe(fromFacts.query(access, input).totals[0]?.numerator);
    const before = offered() ?? 0;
    db.exec("UPDATE insight_sum_levels SET offered = offered + 1000 WHERE span = 96 AND kind = 'none'");
    expect(offered()).toBeGreaterThan(before + 999);
    db.exec('DELETE FROM insight_facts');
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
