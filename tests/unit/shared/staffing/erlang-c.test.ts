import { describe, expect, it } from 'vitest';
import { erlangC } from '../../../../src-shared/staffing/erlang-c.js';
import { trafficErlangs } from '../../../../src-shared/staffing/model.js';
import { requiredAgents } from '../../../../src-shared/staffing/solve.js';
import { erlangB } from '../../../../src-shared/staffing/special-functions.js';
import { exactProbabilityOfWaiting } from './reference-methods.js';

describe('Erlang C', () => {
  // pyworkforce (github.com/rodrigo-arenas/pyworkforce), pyworkforce/queuing/tests/test_erlang.py:
  // ErlangC(transactions=100, asa=0.33, aht=3, interval=30) (minutes) staffs 14 positions for
  // service_level=0.8, max_occupancy=0.85, with service_level 0.888, occupancy 0.714 and
  // waiting_probability 0.174 (rounded to 3 places there), and 15 positions with max_occupancy=0.7.
  it("matches pyworkforce's published example (100 calls in 30 min, AHT 3 min, 0.33 min target)", () => {
    const load = { trafficErlangs: trafficErlangs(100, 30 * 60, 180), handleTimeS: 180, targetAnswerS: 0.33 * 60 };
    expect(load.trafficErlangs).toBe(10);
    const figures = erlangC(load, 14);
    expect(Math.abs(figures.serviceLevel - 0.888)).toBeLessThanOrEqual(5e-4);
    expect(Math.abs(figures.occupancy - 0.714)).toBeLessThanOrEqual(5e-4);
    expect(Math.abs(figures.probabilityOfWaiting - 0.174)).toBeLessThanOrEqual(5e-4);
    expect(requiredAgents(load, { serviceLevel: 0.8, maxOccupancy: 0.85 })?.agents).toBe(14);
    expect(requiredAgents(load, { serviceLevel: 0.8, maxOccupancy: 0.7 })?.agents).toBe(15);
  });

  // The reference values below are computed in the test by the textbook finite sum in exact
  // rational arithmetic (reference-methods.ts), not copied from a table: they hold to 1e-15.
  it.each([
    // traffic p/q, agents, target answer s, handle time s
    [10n, 1n, 14, 20, 180],
    [5n, 2n, 4, 15, 240],
    [101n, 2n, 60, 30, 300],
    [100n, 1n, 110, 20, 180],
    [1999n, 10n, 210, 10, 60],
    [1000n, 1n, 1040, 20, 300],
  ])('%i/%i erlangs on %i agents matches the exact finite sum to 1e-9', (p, q, agents, targetAnswerS, handleTimeS) => {
    const traffic = Number(p) / Number(q);
    const figures = erlangC({ trafficErlangs: traffic, handleTimeS, targetAnswerS }, agents);
    const waiting = exactProbabilityOfWaiting(p, q, agents);
    expect(Math.abs(figures.probabilityOfWaiting - waiting)).toBeLessThan(1e-9);
    expect(Math.abs(figures.serviceLevel - (1 - waiting * Math.exp((-(agents - traffic) * targetAnswerS) / handleTimeS)))).toBeLessThan(1e-9);
    expect(figures.averageSpeedOfAnswerS).toBeCloseTo((waiting * handleTimeS) / (agents - traffic), 6);
    expect(figures.occupancy).toBe(traffic / agents);
    expect(figures.stable).toBe(true);
  });

  it('keeps the well-known example to six places: 10 erlangs, 14 agents, 20 s', () => {
    const figures = erlangC({ trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20 }, 14);
    const waiting = exactProbabilityOfWaiting(10n, 1n, 14);
    expect(waiting).toBeCloseTo(0.174132, 6);
    expect(figures.probabilityOfWaiting).toBeCloseTo(0.174132, 6);
    expect(figures.serviceLevel).toBeCloseTo(0.888350, 6);
    expect(figures.averageSpeedOfAnswerS).toBeCloseTo(7.835937, 6);
  });

  it('gives finite, exact figures for a floor of thousands of agents', () => {
    // 3,000 erlangs: A^N / N! alone would be ~10^1300; the Erlang B recursion never forms it.
    const figures = erlangC({ trafficErlangs: 3000, handleTimeS: 300, targetAnswerS: 20 }, 3060);
    for (const value of [figures.serviceLevel, figures.probabilityOfWaiting, figures.averageSpeedOfAnswerS, figures.occupancy]) expect(Number.isFinite(value)).toBe(true);
    expect(figures.probabilityOfWaiting).toBeGreaterThan(0.1);
    expect(figures.probabilityOfWaiting).toBeLessThan(0.9);
    expect(Math.abs(figures.probabilityOfWaiting - exactProbabilityOfWaiting(3000n, 1n, 3060))).toBeLessThan(1e-9);
  });

  it('reports an unstable queue when the traffic reaches the agents', () => {
    const figures = erlangC({ trafficErlangs: 20, handleTimeS: 180, targetAnswerS: 20 }, 20);
    expect(figures).toMatchObject({ stable: false, serviceLevel: 0, probabilityOfWaiting: 1, averageSpeedOfAnswerS: Number.POSITIVE_INFINITY, occupancy: 1 });
  });

  it('answers a queue without traffic at once, and refuses input that means nothing', () => {
    expect(erlangC({ trafficErlangs: 0, handleTimeS: 180, targetAnswerS: 20 }, 0)).toMatchObject({ serviceLevel: 1, probabilityOfWaiting: 0, occupancy: 0, stable: true });
    expect(() => erlangC({ trafficErlangs: Number.NaN, handleTimeS: 180, targetAnswerS: 20 }, 3)).toThrow(/traffic/);
    expect(() => erlangC({ trafficErlangs: 2, handleTimeS: 0, targetAnswerS: 20 }, 3)).toThrow(/handle time/);
    expect(() => erlangC({ trafficErlangs: 2, handleTimeS: 180, targetAnswerS: -1 }, 3)).toThrow(/target answer/);
    expect(() => erlangC({ trafficErlangs: 2, handleTimeS: 180, targetAnswerS: 20 }, 2.5)).toThrow(/agents/);
  });

  it('computes Erlang B by the recursion, matching its closed form on small cases', () => {
    // B(A, N) = (A^N/N!) / Σ_{k≤N} A^k/k!: B(1, 1) = 1/2, B(2, 2) = 2/5, B(10, 10) = 0.214582343… (worked out in exact fractions)
    expect(erlangB(1, 1)).toBe(0.5);
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 15);
    expect(erlangB(10, 10)).toBeCloseTo(0.214582343107348, 14);
    expect(erlangB(10, 5000)).toBe(0);
  });
});
