import { describe, expect, it } from 'vitest';
import { concurrentFigures, requiredConcurrentAgents, slotLoad, staffedSlotFigures } from '../../../../src-shared/staffing/concurrency.js';
import { erlangA } from '../../../../src-shared/staffing/erlang-a.js';
import { adviseFloor, adviseQueue } from '../../../../src-shared/staffing/floor-advice.js';
import type { QueueDemand } from '../../../../src-shared/staffing/floor-advice.js';
import { requiredAgents } from '../../../../src-shared/staffing/solve.js';

const chat = { trafficErlangs: 24, handleTimeS: 900, targetAnswerS: 60, patienceS: 600 };

describe('agents with several slots (chat)', () => {
  it('treats each slot as a server, on the handle time stretched by the concurrency factor', () => {
    const figures = concurrentFigures(chat, 10, { slotsPerAgent: 3, handleTimeFactor: 1.2 });
    const asServers = erlangA({ ...chat, trafficErlangs: 24 * 1.2, handleTimeS: 900 * 1.2 }, 30);
    expect(figures).toEqual({ ...asServers, agents: 10 });
    expect(slotLoad(chat, { slotsPerAgent: 3 })).toEqual(chat);
    expect(concurrentFigures(chat, 25, { slotsPerAgent: 1 })).toEqual(erlangA(chat, 25));
  });

  it('counts agents whose limits differ by the slots they hold between them', () => {
    // 10 agents: 6 at 3 slots and 4 at 2 hold 26 servers.
    expect(staffedSlotFigures(chat, 10, 26, { slotsPerAgent: 3 })).toEqual({ ...erlangA(chat, 26), agents: 10 });
    expect(staffedSlotFigures(chat, 10, 30, { slotsPerAgent: 3, handleTimeFactor: 1.2 })).toEqual(concurrentFigures(chat, 10, { slotsPerAgent: 3, handleTimeFactor: 1.2 }));
    expect(() => staffedSlotFigures(chat, 10, 9, { slotsPerAgent: 1 })).toThrow(/at least 10/);
    expect(() => staffedSlotFigures(chat, 10, 20.5, { slotsPerAgent: 2 })).toThrow(RangeError);
    const demand: QueueDemand = { queueId: 'q', ...chat, targetServiceLevel: 0.8, agents: 10, slotsPerAgent: 3, slotsStaffed: 26 };
    expect(adviseQueue(demand).current).toEqual({ ...erlangA(chat, 26), agents: 10 });
  });

  it('staffs whole agents: the fewest slots, rounded up to agents', () => {
    const slots = requiredAgents(chat, { serviceLevel: 0.8 });
    const agents = requiredConcurrentAgents(chat, { serviceLevel: 0.8 }, { slotsPerAgent: 3 });
    expect(slots).toBeDefined();
    expect(agents?.agents).toBe(Math.ceil((slots?.agents ?? 0) / 3));
    expect(agents?.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(concurrentFigures(chat, (agents?.agents ?? 1) - 1, { slotsPerAgent: 3 }).serviceLevel).toBeLessThan(0.8);
  });

  it('refuses a concurrency that means nothing', () => {
    expect(() => concurrentFigures(chat, 10, { slotsPerAgent: 0 })).toThrow(/slots/);
    expect(() => concurrentFigures(chat, 10, { slotsPerAgent: 2, handleTimeFactor: 0.5 })).toThrow(/factor/);
    expect(() => concurrentFigures(chat, 2.5, { slotsPerAgent: 2 })).toThrow(/agents/);
  });
});

describe('adviseFloor', () => {
  const voice: QueueDemand = { queueId: 'billing', trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20, targetServiceLevel: 0.8, agents: 12 };

  it('gives, per queue, the figures now and the fewest agents that meet the target', () => {
    const [billing, support, web] = adviseFloor([
      voice,
      { ...voice, queueId: 'support', agents: 20, patienceS: 300, maxOccupancy: 0.85 },
      { queueId: 'web-chat', ...chat, targetServiceLevel: 0.8, agents: 12, slotsPerAgent: 3 },
    ]);
    expect(billing).toMatchObject({ queueId: 'billing', shortfall: 2 });
    expect(billing?.current).toMatchObject({ agents: 12, stable: true });
    expect(billing?.current.serviceLevel).toBeLessThan(0.8);
    expect(billing?.required?.agents).toBe(14);
    // With abandons and an occupancy cap of 85 %: 13 agents, 7 to spare.
    expect(support).toMatchObject({ queueId: 'support', shortfall: -7 });
    expect(support?.required?.occupancy).toBeLessThanOrEqual(0.85);
    expect(web?.required?.agents).toBe(requiredConcurrentAgents(chat, { serviceLevel: 0.8 }, { slotsPerAgent: 3 })?.agents);
  });

  it('advises one queue as the floor would', () => {
    expect(adviseQueue(voice)).toEqual(adviseFloor([voice])[0]);
  });

  it('says so when no staffing up to the limit reaches the target', () => {
    expect(requiredAgents({ trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20 }, { serviceLevel: 0.8, maxAgents: 13 })).toBeUndefined();
    expect(requiredAgents({ trafficErlangs: 10, handleTimeS: 180, targetAnswerS: 20 }, { serviceLevel: 0.8, maxAgents: 14 })?.agents).toBe(14);
  });
});
