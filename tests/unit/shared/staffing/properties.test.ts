import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA } from '../../../../src-shared/staffing/erlang-a.js';
import { erlangC } from '../../../../src-shared/staffing/erlang-c.js';
import type { QueueLoad, StaffingFigures } from '../../../../src-shared/staffing/model.js';
import { meets, requiredAgents } from '../../../../src-shared/staffing/solve.js';

const double = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A queue's load, with or without abandons, from a trickle to a large floor. */
const load = (maxTraffic: number): fc.Arbitrary<QueueLoad> =>
  fc.record(
    {
      trafficErlangs: double(0.01, maxTraffic),
      handleTimeS: double(10, 1_200),
      targetAnswerS: double(0, 300),
      patienceS: double(5, 3_600),
    },
    { requiredKeys: ['trafficErlangs', 'handleTimeS', 'targetAnswerS'] },
  );

/** A load and a number of agents around its traffic, from far too few to plenty. */
const staffed = (maxTraffic: number): fc.Arbitrary<{ load: QueueLoad; agents: number }> =>
  fc.tuple(load(maxTraffic), double(0.3, 2)).map(([queueLoad, factor]) => ({ load: queueLoad, agents: Math.round(queueLoad.trafficErlangs * factor) }));

/** Erlang A when the load has a patience, Erlang C otherwise (erlangA dispatches). */
const figuresOf = (queueLoad: QueueLoad, agents: number): StaffingFigures => erlangA(queueLoad, agents);

function expectProbabilities(figures: StaffingFigures): void {
  for (const value of [figures.serviceLevel, figures.probabilityOfWaiting, figures.probabilityOfAbandon, figures.occupancy]) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  }
  expect(figures.averageSpeedOfAnswerS).toBeGreaterThanOrEqual(0);
}

describe('staffing properties', () => {
  it('more agents never lower the service level, nor raise waiting or abandons', () => {
    fc.assert(
      fc.property(staffed(500), ({ load: queueLoad, agents }) => {
        const fewer = figuresOf(queueLoad, agents);
        const more = figuresOf(queueLoad, agents + 1);
        expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-12);
        expect(more.probabilityOfWaiting).toBeLessThanOrEqual(fewer.probabilityOfWaiting + 1e-12);
        expect(more.probabilityOfAbandon).toBeLessThanOrEqual(fewer.probabilityOfAbandon + 1e-12);
      }),
      { numRuns: 400 },
    );
  });

  it('occupancy is traffic / agents under Erlang C, and carried traffic / agents under Erlang A', () => {
    fc.assert(
      fc.property(staffed(500), ({ load: queueLoad, agents }) => {
        fc.pre(agents > 0);
        const patient = erlangC(queueLoad, agents);
        if (patient.stable) expect(patient.occupancy).toBe(queueLoad.trafficErlangs / agents);
        else expect(patient.occupancy).toBe(1);
        if (queueLoad.patienceS !== undefined) {
          const impatient = erlangA(queueLoad, agents);
          expect(impatient.occupancy).toBeCloseTo((queueLoad.trafficErlangs * (1 - impatient.probabilityOfAbandon)) / agents, 12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives probabilities in [0, 1] and a wait ≥ 0, finite wherever the queue is stable', () => {
    fc.assert(
      fc.property(staffed(500), ({ load: queueLoad, agents }) => {
        const figures = figuresOf(queueLoad, agents);
        expectProbabilities(figures);
        expect(Number.isFinite(figures.averageSpeedOfAnswerS)).toBe(figures.stable);
      }),
      { numRuns: 400 },
    );
  });

  it('stays finite on large floors: thousands of agents, thousands of erlangs', () => {
    fc.assert(
      fc.property(staffed(5_000).filter(({ load: queueLoad }) => queueLoad.trafficErlangs >= 1_000), ({ load: queueLoad, agents }) => {
        for (const figures of [erlangC(queueLoad, agents), figuresOf(queueLoad, agents)]) {
          expectProbabilities(figures);
          for (const value of [figures.serviceLevel, figures.probabilityOfWaiting, figures.probabilityOfAbandon, figures.occupancy]) expect(Number.isFinite(value)).toBe(true);
          expect(Number.isFinite(figures.averageSpeedOfAnswerS)).toBe(figures.stable);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('Erlang A with practically infinite patience (10⁹ handle times) gives Erlang C', () => {
    fc.assert(
      fc.property(load(200), double(0.5, 30), (queueLoad, spare) => {
        const agents = Math.ceil(queueLoad.trafficErlangs + spare);
        const patient = erlangC(queueLoad, agents);
        const nearly = erlangA({ ...queueLoad, patienceS: queueLoad.handleTimeS * 1e9 }, agents);
        expect(Math.abs(nearly.serviceLevel - patient.serviceLevel)).toBeLessThan(1e-5);
        expect(Math.abs(nearly.probabilityOfWaiting - patient.probabilityOfWaiting)).toBeLessThan(1e-5);
        expect(nearly.probabilityOfAbandon).toBeLessThan(1e-5);
      }),
      { numRuns: 200 },
    );
  });

  it('the solver returns the fewest agents that meet every bound', () => {
    const target = fc.record(
      { serviceLevel: double(0, 0.99), maxOccupancy: double(0.5, 1), maxAbandon: double(0.01, 1) },
      { requiredKeys: ['serviceLevel'] },
    );
    fc.assert(
      fc.property(load(300), target, (queueLoad, bounds) => {
        const found = requiredAgents(queueLoad, bounds);
        expect(found).toBeDefined();
        if (found === undefined) return;
        expect(meets(found, bounds)).toBe(true);
        expect(found).toEqual(figuresOf(queueLoad, found.agents));
        if (found.agents > 0) expect(meets(figuresOf(queueLoad, found.agents - 1), bounds)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
