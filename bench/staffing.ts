/**
 * staffing: advice for every queue of a 10,000-agent floor (200 queues: voice without abandons,
 * voice with abandons, chat with three slots an agent), as the advisor computes it on each
 * refresh; and the forecast of one busy chat queue for the rest of its day from eight weeks of
 * 15-minute rollups in SQLite (the read and the 96 intervals' staffing). Reports the p95 of
 * repeated runs after a warm-up.
 */
import Database from 'better-sqlite3';
import { forecastDay, forecastWindows } from '../src-main/core/staffing/forecast.js';
import { createForecastSource } from '../src-main/core/staffing/forecast-source.js';
import { adviseFloor } from '../src-shared/staffing/floor-advice.js';
import type { QueueDemand } from '../src-shared/staffing/floor-advice.js';
import { percentile, report } from './stats.js';

const QUEUES = 200;
const AGENTS = 10_000;
const WARM_UP = 20;
const RUNS = 200;

/** A fixed floor: the same 200 queues every run, so the figure compares across commits. */
export function benchFloor(): QueueDemand[] {
  let seed = 20_260_101;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const perQueue = AGENTS / QUEUES;
  return Array.from({ length: QUEUES }, (_, index) => {
    const kind = index % 3;
    const slotsPerAgent = kind === 2 ? 3 : 1;
    const handleTimeS = kind === 2 ? 600 + random() * 600 : 150 + random() * 300;
    // Between 70 % and 115 % of what the staffed agents could carry: some queues short, some with agents to spare.
    const trafficErlangs = perQueue * slotsPerAgent * (0.7 + random() * 0.45);
    return {
      queueId: `queue-${index}`,
      trafficErlangs,
      handleTimeS,
      targetAnswerS: kind === 2 ? 60 : 20,
      targetServiceLevel: 0.8,
      agents: perQueue,
      ...(kind === 0 ? {} : { patienceS: 60 + random() * 300 }),
      slotsPerAgent,
      maxOccupancy: 0.9,
    };
  });
}

export async function benchStaffing(): Promise<void> {
  const floor = benchFloor();
  const times: number[] = [];
  let needed = 0;
  for (let run = 0; run < WARM_UP + RUNS; run += 1) {
    const started = performance.now();
    const advice = adviseFloor(floor);
    const elapsed = performance.now() - started;
    if (run >= WARM_UP) times.push(elapsed);
    needed = advice.reduce((sum, queue) => sum + (queue.required?.agents ?? 0), 0);
  }
  // A floor for which nothing was found would time a no-op.
  if (needed < AGENTS / 2) throw new Error(`the staffing bench found only ${needed} agents needed on a floor of ${AGENTS}`);
  report('staffing_advice_ms', percentile(times, 95), 'ms');
  benchForecast();
}

const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const FORECAST_RUNS = 50;

/** One chat queue busy from 08:00 to 20:00 UTC every day for eight weeks, in the rollups' own table. */
function forecastStore(now: number): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE rollups_15m (queue_id TEXT NOT NULL, bucket_start INTEGER NOT NULL, entered INTEGER NOT NULL DEFAULT 0, handled INTEGER NOT NULL DEFAULT 0,
    handle_ms_sum INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (queue_id, bucket_start)) STRICT, WITHOUT ROWID`);
  const insert = db.prepare('INSERT INTO rollups_15m (queue_id, bucket_start, entered, handled, handle_ms_sum) VALUES (?, ?, ?, ?, ?)');
  const first = Math.floor(now / DAY_MS) * DAY_MS - 57 * DAY_MS;
  db.transaction(() => {
    for (let bucket = first; bucket < now; bucket += QUARTER_MS) {
      const hour = (bucket % DAY_MS) / 3_600_000;
      if (hour < 8 || hour >= 20) continue;
      const entered = 120 + Math.round(60 * Math.sin((hour - 8) / 2));
      for (const queueId of ['chat-busy', 'other']) insert.run(queueId, bucket, entered, entered, entered * 600_000);
    }
  })();
  return db;
}

function benchForecast(): void {
  const now = Date.UTC(2026, 2, 9, 13, 7);
  const db = forecastStore(now);
  const source = createForecastSource(db);
  const times: number[] = [];
  let staffed = 0;
  for (let run = 0; run < WARM_UP + FORECAST_RUNS; run += 1) {
    const started = performance.now();
    const forecast = forecastDay({
      targetId: 'chat-busy',
      name: 'Chat',
      channel: 'chat',
      timeZone: 'Europe/London',
      now,
      rollups: forecastWindows(now, 'Europe/London').flatMap((window) => source.rollups(['chat-busy'], window.from, window.to)),
      coveredFrom: source.earliest(['chat-busy']),
      todayHandleTimeS: null,
      targetAnswerS: 60,
      targetServiceLevel: 0.8,
      slotsPerAgent: 3,
    });
    const elapsed = performance.now() - started;
    if (run >= WARM_UP) times.push(elapsed);
    staffed = forecast.intervals.reduce((sum, interval) => sum + (interval.agentsNeeded ?? 0), 0);
  }
  db.close();
  if (staffed === 0) throw new Error('the forecast bench staffed no interval');
  report('staffing_forecast_ms', percentile(times, 95), 'ms');
}
