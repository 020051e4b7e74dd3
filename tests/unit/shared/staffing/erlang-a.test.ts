import { describe, expect, it } from 'vitest';
import { erlangA } from '../../../../src-shared/staffing/erlang-a.js';
import { erlangC } from '../../../../src-shared/staffing/erlang-c.js';
import { requiredAgents } from '../../../../src-shared/staffing/solve.js';
import { chainFigures } from './reference-methods.js';

describe('Erlang A', () => {
  // pyworkforce (github.com/rodrigo-arenas/pyworkforce), pyworkforce/queuing/tests/test_abandonment.py,
  // test_erlanga_regression_metrics: ErlangA(transactions=100, aht=3, asa=20/60, interval=30,
  // patience=5) (minutes) with 14 positions gives waiting_probability 0.14526 (5 places),
  // abandonment_probability 0.013984, occupancy 0.704297, average_speed_of_answer 0.069919 min and
  // service_level 0.916792 (6 places), from the exact stationary distribution of the chain.
  it("matches pyworkforce's published regression values to 1e-6", () => {
    const figures = erlangA({ trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20, patienceS: 300 }, 14);
    expect(Math.abs(figures.probabilityOfWaiting - 0.14526)).toBeLessThanOrEqual(5e-6);
    expect(Math.abs(figures.probabilityOfAbandon - 0.013984)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(figures.occupancy - 0.704297)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(figures.averageSpeedOfAnswerS / 60 - 0.069919)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(figures.serviceLevel - 0.916792)).toBeLessThanOrEqual(1e-6);
  });

  // The module uses closed forms in the incomplete gamma function; the reference solves the
  // birth–death chain state by state and follows an arriving customer through the queue
  // (reference-methods.ts). They agree far below 1e-6, on light, balanced and overloaded queues.
  it.each([
    // traffic, handle time s, patience s, agents, target answer s
    [10, 180, 300, 14, 20],
    [3, 60, 30, 2, 10],
    [50, 300, 120, 45, 30],
    [100, 200, 200, 100, 0],
    [100, 200, 200, 98, 15],
    [250, 240, 600, 260, 15],
    [40, 600, 60, 20, 60],
    [0.5, 120, 90, 1, 20],
  ])('%d erlangs, AHT %d s, patience %d s on %i agents matches the birth–death chain', (traffic, handleTimeS, patienceS, agents, targetAnswerS) => {
    const figures = erlangA({ trafficErlangs: traffic, handleTimeS, targetAnswerS, patienceS }, agents);
    const reference = chainFigures(traffic, handleTimeS, patienceS, agents, targetAnswerS);
    expect(Math.abs(figures.probabilityOfWaiting - reference.probabilityOfWaiting)).toBeLessThan(1e-9);
    expect(Math.abs(figures.probabilityOfAbandon - reference.probabilityOfAbandon)).toBeLessThan(1e-9);
    expect(Math.abs(figures.occupancy - reference.occupancy)).toBeLessThan(1e-9);
    expect(Math.abs(figures.averageSpeedOfAnswerS - reference.averageSpeedOfAnswerS)).toBeLessThan(1e-7);
    expect(Math.abs(figures.serviceLevel - reference.serviceLevel)).toBeLessThan(1e-9);
  });

  it('tends to Erlang C as patience grows without bound', () => {
    const load = { trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20 };
    const patient = erlangC(load, 14);
    const nearly = erlangA({ ...load, patienceS: 180 * 1e7 }, 14);
    expect(Math.abs(nearly.serviceLevel - patient.serviceLevel)).toBeLessThan(1e-6);
    expect(Math.abs(nearly.probabilityOfWaiting - patient.probabilityOfWaiting)).toBeLessThan(1e-6);
    expect(Math.abs(nearly.averageSpeedOfAnswerS - patient.averageSpeedOfAnswerS)).toBeLessThan(1e-4);
    expect(nearly.probabilityOfAbandon).toBeLessThan(1e-6);
    // Infinite patience is Erlang C itself.
    expect(erlangA({ ...load, patienceS: Number.POSITIVE_INFINITY }, 14)).toEqual(patient);
  });

  it('stays finite and stable on a floor of thousands of agents, overloaded or not', () => {
    for (const agents of [1_000, 4_000, 4_990, 5_200, 8_000]) {
      const figures = erlangA({ trafficErlangs: 5_000, handleTimeS: 300, targetAnswerS: 20, patienceS: 3_600 }, agents);
      for (const value of Object.values(figures)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
      expect(figures.probabilityOfAbandon).toBeGreaterThanOrEqual(Math.max(0, 1 - agents / 5_000) - 1e-9);
    }
    // Overloaded by five: about four in five abandon, whatever the patience.
    expect(erlangA({ trafficErlangs: 5_000, handleTimeS: 180, targetAnswerS: 20, patienceS: 300 }, 1_000).probabilityOfAbandon).toBeCloseTo(0.8, 6);
  });

  it('stays finite for traffic so small its arrival rate is near or below the smallest double', () => {
    for (const traffic of [1e-320, 1e-300, 1e-12]) {
      const figures = erlangA({ trafficErlangs: traffic, handleTimeS: 1_000, targetAnswerS: 20, patienceS: 10 }, 3);
      for (const value of Object.values(figures)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
      expect(figures.serviceLevel).toBeCloseTo(1, 9);
    }
  });

  it('needs fewer agents than Erlang C for the same target when customers abandon', () => {
    const load = { trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20 };
    const withAbandons = requiredAgents({ ...load, patienceS: 300 }, { serviceLevel: 0.8 });
    const without = requiredAgents(load, { serviceLevel: 0.8 });
    expect(withAbandons?.agents).toBe(13);
    expect(without?.agents).toBe(14);
    expect(requiredAgents({ ...load, patienceS: 300 }, { serviceLevel: 0.8, maxAbandon: 0.01 })?.probabilityOfAbandon).toBeLessThanOrEqual(0.01);
  });
});
