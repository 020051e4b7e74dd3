import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsightCell, InsightMetric, InsightQueryInput, InsightResult, WidgetInput } from '../../../../src-shared/api/insights.js';
import { commentSentiment } from '../../../../src-main/core/insights/insight-facts.js';
import { ADMIN, SCOPED, WALLBOARD } from '../history/history-test-kit.js';
import { fixtureEvents, utc } from './fixture.js';
import { insightsHarness, type InsightsHarness } from './insights-test-kit.js';

let harness: InsightsHarness;

beforeAll(() => {
  harness = insightsHarness(utc(12, 3, 10));
  harness.ingest(fixtureEvents());
});

afterAll(async () => {
  await harness.close();
});

const PARIS = 'Europe/Paris';
const FALL_BACK = { from: '2026-10-25', to: '2026-10-25' };
const AGENT_DAY = { from: '2026-10-26', to: '2026-10-26' };

function widget(metrics: InsightMetric[], rest: Partial<WidgetInput> = {}): WidgetInput {
  return { id: 'w', title: 'Widget', metrics, dimension: 'none', chart: 'table', ...rest };
}

function query(metrics: InsightMetric[], rest: Partial<WidgetInput> = {}, outer: Partial<InsightQueryInput> = {}): InsightQueryInput {
  return { widget: widget(metrics, rest), range: FALL_BACK, interval: 'day', timeZone: PARIS, ...outer };
}

const values = (cells: readonly InsightCell[]): (number | null)[] => cells.map((cell) => cell.value);
const inputs = (cell: InsightCell | undefined): [number | null, number | null] => [cell?.numerator ?? null, cell?.denominator ?? null];

describe('conversation figures on the Paris fall-back day', () => {
  // Offered: c1 c2 c3 c4 c5 b2 (b1 stayed with the bot). Assigned: c1 c2 c5 b2. Abandoned: c3 (3 s), c4 (200 s).
  it('counts volume and abandon rate from the facts', async () => {
    const result = await harness.figures(ADMIN, query(['offered', 'assigned', 'abandoned', 'abandonRate', 'transfers', 'timedOutByAgent']));
    expect(values(result.totals).slice(0, 3)).toEqual([6, 4, 2]);
    expect(inputs(result.totals[3])).toEqual([2, 6]);
    expect(result.totals[3]?.value).toBeCloseTo(2 / 6, 10);
    // Transfers none; c5's agent never wrote.
    expect(values(result.totals).slice(4)).toEqual([0, 1]);
    expect(result.range.to - result.range.from).toBe(25 * 3_600_000);
  });

  it('averages times as sums over counts', async () => {
    const result = await harness.figures(ADMIN, query(['averageAbandonTime', 'averageWait', 'averageHandleTime', 'averageFirstResponse', 'averageResponse']));
    // Abandons 3 + 200 s; waits 30 + 90 + 3 + 200 + 10 + 10 s; handled 600 + 300 + 120 + 185 s.
    expect(inputs(result.totals[0])).toEqual([203, 2]);
    expect(inputs(result.totals[1])).toEqual([343, 6]);
    expect(inputs(result.totals[2])).toEqual([1205, 4]);
    // First responses: c1 40 s, c2 20 s, b2 15 s (c5 none). Replies to a customer: c1 30 s, c2 20 s.
    expect(inputs(result.totals[3])).toEqual([75, 3]);
    expect(inputs(result.totals[4])).toEqual([50, 2]);
    expect(result.totals[4]?.value).toBe(25);
  });

  it('takes service level within the target of those queued, abandons within 5 s left out', async () => {
    const result = await harness.figures(ADMIN, query(['serviceLevel', 'resolutionRate']));
    // Met: c1 (30 s), c5 (10 s), b2 (10 s); missed: c2 (90 s), c4 (abandoned after 200 s); c3 left after 3 s.
    expect(inputs(result.totals[0])).toEqual([3, 5]);
    // Resolved: c1, b1, b2 of c1, c2, c5, b1, b2 dispositioned.
    expect(inputs(result.totals[1])).toEqual([3, 5]);
  });

  it('tells bot-contained from bot-escalated conversations', async () => {
    const result = await harness.figures(ADMIN, query(['botConversations', 'botContained', 'botEscalated', 'containmentRate', 'escalationRate']));
    expect(values(result.totals).slice(0, 3)).toEqual([2, 1, 1]);
    expect(inputs(result.totals[3])).toEqual([1, 2]);
    expect(inputs(result.totals[4])).toEqual([1, 2]);
    const reason = harness.store.database.prepare("SELECT escalation_reason FROM insight_facts WHERE conversation_id = 'b2'").pluck().get();
    expect(reason).toBe('Escalated: billing dispute');
  });

  it('reads surveys and scores their comments from −1 to 1', async () => {
    const result = await harness.figures(ADMIN, query(['surveys', 'csatPositive', 'csatMean', 'sentimentMean'], { dimension: 'csatScore' }));
    expect(values(result.totals).slice(0, 1)).toEqual([2]);
    expect(inputs(result.totals[1])).toEqual([1, 2]);
    expect(inputs(result.totals[2])).toEqual([7, 2]);
    const positive = commentSentiment('Great help, thank you') ?? 0;
    const negative = commentSentiment('terrible and slow') ?? 0;
    // AFINN: great 3, help 2, thank 2 over 4 words = 1.75, / 5.
    expect(positive).toBeCloseTo(0.35, 10);
    expect(negative).toBeLessThan(0);
    expect(result.totals[3]?.value).toBeCloseTo((positive + negative) / 2, 10);
    expect(result.rows.map((row) => [row.key, row.cells[0]?.value])).toEqual([
      ['2', 1],
      ['5', 1],
    ]);
  });
});

describe('time in the query zone', () => {
  it('cuts the fall-back day into 25 hours, the two 02:00 hours apart', async () => {
    const result = await harness.figures(ADMIN, query(['offered'], { dimension: 'interval' }, { interval: 'hour' }));
    expect(result.rows.length).toBe(25);
    const offered = result.rows.map((row) => row.cells[0]?.value);
    expect(result.rows[2]?.label).toBe('2026-10-25 02:00 +02:00');
    expect(result.rows[3]?.label).toBe('2026-10-25 02:00 +01:00');
    expect(result.rows[2]?.key).toBe(String(utc(10, 25, 0)));
    // c1 in the first 02:00, c2 and c3 in the second, b2 at 04:00, c4 at 10:00, c5 at 13:00.
    expect(offered).toEqual([0, 0, 1, 2, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('puts each conversation in the quarter hour holding its start', async () => {
    const result = await harness.figures(ADMIN, query(['offered'], { dimension: 'interval' }, { interval: '15m' }));
    expect(result.rows.length).toBe(100);
    const busy = result.rows.filter((row) => (row.cells[0]?.value ?? 0) > 0).map((row) => [Number(row.key), row.cells[0]?.value]);
    expect(busy).toEqual([
      [utc(10, 25, 0), 1],
      [utc(10, 25, 1, 15), 1],
      [utc(10, 25, 1, 30), 1],
      [utc(10, 25, 3, 30), 1],
      [utc(10, 25, 9), 1],
      [utc(10, 25, 12), 1],
    ]);
  });

  it('cuts the New York spring-forward day into 23 hours, 03:00 following 01:00', async () => {
    const result = await harness.figures(ADMIN, query(['offered'], { dimension: 'interval' }, { interval: 'hour', range: { from: '2026-03-08', to: '2026-03-08' }, timeZone: 'America/New_York' }));
    expect(result.rows.length).toBe(23);
    expect(result.rows[2]?.label).toBe('2026-03-08 03:00');
    expect(result.rows.map((row) => row.cells[0]?.value).indexOf(1)).toBe(2);
  });

  it('compares with the previous period of the same length', async () => {
    const result = await harness.figures(ADMIN, query(['offered', 'serviceLevel'], {}, { compare: true }));
    expect(result.previousRange?.to).toBe(result.range.from);
    expect(result.previousRange?.to).toBe(utc(10, 24, 22));
    expect(result.previousRange?.from).toBe(utc(10, 23, 22));
    expect(values(result.previousTotals ?? [])).toEqual([1, 1]);
  });

  it('keeps figures before the cache begins unknown, not zero', async () => {
    const result = await harness.figures(ADMIN, query(['offered', 'serviceLevel'], { dimension: 'interval' }, { range: { from: '2026-01-10', to: '2026-01-11' } }));
    expect(values(result.totals)).toEqual([null, null]);
    expect(result.rows.map((row) => row.cells[0]?.value)).toEqual([null, null]);
    expect(result.coveredFrom).toBe(utc(3, 8, 7, 30));
  });

  it('keys the hour-of-week heatmap by ISO weekday and local hour', async () => {
    const result = await harness.figures(ADMIN, query(['offered'], { dimension: 'hourOfWeek', chart: 'heatmap' }));
    // Sunday is 7; 02:00 is both 02:00 hours together (c1, c2, c3).
    expect(result.rows.map((row) => [row.key, row.cells[0]?.value])).toEqual([
      ['7:2', 3],
      ['7:4', 1],
      ['7:10', 1],
      ['7:13', 1],
    ]);
  });
});

describe('scope, filters and groups', () => {
  it("gives a scoped user their queues' figures only, whatever the filter asks", async () => {
    const own = await harness.figures(SCOPED, query(['offered', 'serviceLevel', 'timedOutByAgent']));
    expect(values(own.totals).slice(0, 1)).toEqual([5]);
    expect(inputs(own.totals[1])).toEqual([2, 4]);
    expect(own.totals[2]?.value).toBe(0);
    expect(own.drill?.queueIds).toEqual(['q-sales']);
    const other = await harness.figures(SCOPED, query(['offered'], { filters: { queueIds: ['q-support'] } }));
    expect(other.totals[0]?.value).toBe(0);
    const byQueue = await harness.figures(SCOPED, query(['offered'], { dimension: 'queue' }));
    expect(byQueue.rows.map((row) => row.key)).toEqual(['q-sales']);
  });

  it('breaks figures down by group, a queue counting in each of its groups and once in the total', async () => {
    const result = await harness.figures(ADMIN, query(['offered'], { dimension: 'group' }));
    expect(result.rows.map((row) => [row.key, row.label, row.cells[0]?.value])).toEqual([
      ['preset-europe', 'Europe', 6],
      ['preset-americas', 'Americas', 1],
    ]);
    expect(result.totals[0]?.value).toBe(6);
    const filtered = await harness.figures(ADMIN, query(['offered'], {}, { filters: { groupIds: ['preset-americas'] } }));
    expect(filtered.totals[0]?.value).toBe(1);
    const scoped = await harness.figures(SCOPED, query(['offered'], { dimension: 'group' }));
    expect(scoped.rows.map((row) => [row.key, row.cells[0]?.value])).toEqual([['preset-europe', 5]]);
  });

  it('breaks down by agent with a limit, splits by channel, and drills with the same filters', async () => {
    const result = await harness.figures(ADMIN, query(['assigned'], { dimension: 'agent', split: 'channel', limit: 1, filters: { intents: ['billing'] } }));
    // Billing conversations assigned: a-1 c1; a-2 c2; a-3 c5 (b2 is an "orders" conversation); the
    // abandoned c3 and c4 make a fourth member, "No agent", with none assigned.
    expect(result.rows.length).toBe(1);
    expect(result.omittedRows).toBe(3);
    expect(result.rows[0]?.splitKey).toBe('chat');
    expect(result.totals[0]?.value).toBe(3);
    expect(result.drill).toEqual({ createdAt: { min: result.range.from, max: result.range.to - 1 }, intents: ['billing'] });
  });

  it('sorts a dimension from the lowest when ascending, a figure not known last, and keeps the first rows of that order', async () => {
    // Two agents have a survey (ratings 2 and 5); the others have none, so their average is not known.
    const lowest = await harness.figures(ADMIN, query(['csatMean'], { dimension: 'agent', sort: 'ascending' }));
    const highest = await harness.figures(ADMIN, query(['csatMean'], { dimension: 'agent' }));
    const known = (result: InsightResult) => result.rows.filter((row) => row.cells[0]?.value !== null).map((row) => [row.key, row.cells[0]?.value]);
    expect(known(lowest)).toEqual([...known(highest)].reverse());
    expect(known(lowest).length).toBe(2);
    expect(lowest.rows.slice(2).every((row) => row.cells[0]?.value === null)).toBe(true);
    const first = await harness.figures(ADMIN, query(['csatMean'], { dimension: 'agent', sort: 'ascending', limit: 1 }));
    expect(first.rows.map((row) => row.key)).toEqual([lowest.rows[0]?.key]);
    expect(first.omittedRows).toBe(lowest.rows.length - 1);
  });

  it('breaks bot escalations down by their reason', async () => {
    const result = await harness.figures(ADMIN, query(['botEscalated'], { dimension: 'escalationReason' }));
    expect(result.rows.find((row) => row.key === 'Escalated: billing dispute')?.cells[0]?.value).toBe(1);
    expect(result.totals[0]?.value).toBe(1);
  });

  it('intersects the dashboard filters with the widget filters', async () => {
    const result = await harness.figures(ADMIN, query(['offered'], { filters: { queueIds: ['q-sales', 'q-support'] } }, { filters: { queueIds: ['q-support'] } }));
    expect(result.totals[0]?.value).toBe(1);
  });

  it('refuses a breakdown a metric does not have, and a session without the capability', async () => {
    const refused = await harness.ask(ADMIN, { op: 'query', query: { type: 'insights.query', query: query(['offered'], { dimension: 'status' }) } });
    expect(refused).toEqual({ ok: false, error: 'Offered cannot be broken down by status.' });
    const wallboard = await harness.ask(WALLBOARD, { op: 'query', query: { type: 'insights.query', query: query(['offered']) } });
    expect(wallboard.ok).toBe(false);
    const dashboards = await harness.ask(ADMIN, { op: 'query', query: { type: 'insights.dashboards' } });
    expect(dashboards.ok).toBe(false);
  });
});

describe('agent-time figures on Monday 26 October', () => {
  // a-1 available 08:00–10:00 and away (Lunch) 10:00–10:30; a-2 available 09:00–09:30; a-3 available 08:00–09:00.
  // a-1 handled c6 08:30:30–09:00:30 and c7 08:40:30–08:50:30; every agent has 3 slots.
  const HOUR = 3_600_000;

  it('computes occupancy as slot time, utilisation, concurrency, logged-in agents and status time', async () => {
    const result: InsightResult = await harness.figures(ADMIN, query(['occupancy', 'utilisation', 'concurrency', 'loggedInAgents', 'statusTime'], {}, { range: AGENT_DAY }));
    const handled = 2_400_000 / HOUR;
    expect(inputs(result.totals[0])[0]).toBeCloseTo(handled, 10);
    expect(inputs(result.totals[0])[1]).toBeCloseTo(3.5 * 3, 10);
    expect(inputs(result.totals[1])).toEqual([0.5, 4]);
    expect(result.totals[2]?.value).toBeCloseTo(handled / 0.5, 10);
    expect(result.totals[3]?.value).toBe(3);
    expect(result.totals[4]?.value).toBe(4);
    expect(result.drill).toBeNull();
  });

  it('counts logged-in agents per local hour and status time per status and away reason', async () => {
    const hourly = await harness.figures(ADMIN, query(['loggedInAgents'], { dimension: 'interval' }, { range: AGENT_DAY, interval: 'hour' }));
    expect(hourly.rows.length).toBe(24);
    expect(hourly.rows.slice(8, 13).map((row) => [row.label, row.cells[0]?.value])).toEqual([
      ['2026-10-26 08:00', 0],
      ['2026-10-26 09:00', 2],
      ['2026-10-26 10:00', 2],
      ['2026-10-26 11:00', 1],
      // After the cache's last event (a-1 logging out at 10:30 UTC, 11:30 in Paris): not known.
      ['2026-10-26 12:00', null],
    ]);
    expect(hourly.coveredTo).toBe(utc(10, 26, 10, 45));
    const byStatus = await harness.figures(ADMIN, query(['statusTime'], { dimension: 'status' }, { range: AGENT_DAY }));
    expect(byStatus.rows.map((row) => [row.key, row.cells[0]?.value])).toEqual([
      ['available', 3.5],
      ['away', 0.5],
    ]);
    const byReason = await harness.figures(ADMIN, query(['statusTime'], { dimension: 'awayReason' }, { range: AGENT_DAY }));
    expect(byReason.rows.map((row) => [row.key, row.cells[0]?.value])).toEqual([['Lunch', 0.5]]);
  });

  it("limits a scoped user to the agents of their queues", async () => {
    const result = await harness.figures(SCOPED, query(['statusTime', 'loggedInAgents', 'occupancy'], { dimension: 'agent' }, { range: AGENT_DAY }));
    expect(values(result.totals).slice(0, 2)).toEqual([3, 2]);
    expect(inputs(result.totals[2])[1]).toBeCloseTo(2.5 * 3, 10);
    expect(result.rows.map((row) => row.key).sort()).toEqual(['a-1', 'a-2']);
  });
});
