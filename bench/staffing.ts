/**
 * staffing: advice for every queue of a 10,000-agent floor (200 queues: voice without abandons,
 * voice with abandons, chat with three slots an agent), as the advisor computes it on each
 * refresh. Reports the p95 of repeated runs after a warm-up.
 */
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
}
