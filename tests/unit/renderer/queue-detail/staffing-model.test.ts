import { describe, expect, it } from 'vitest';
import type { QueueStaffingAdvice, StaffingCapacityWhatIf, StaffingWhatIf } from '../../../../src-shared/api/staffing.js';
import { adviceSentence, breachText, capacitySteps, capacitySummary, inputRows, moveSteps, movesSummary, predictedRows, secondsText } from '../../../../src-renderer/views/queue-detail/staffing-model.js';

function figures(agents: number, serviceLevel: number) {
  return { agents, serviceLevel, probabilityOfWaiting: 0.5, averageSpeedOfAnswerS: 42, occupancy: 0.9, probabilityOfAbandon: 0, stable: true };
}

function advice(fields: Partial<QueueStaffingAdvice> = {}): QueueStaffingAdvice {
  return {
    queueId: 'q1',
    name: 'Sales',
    channel: 'voice',
    at: 0,
    inputs: {
      arrivalsPerHour15: { value: 240 },
      arrivalsPerHour30: { value: 200 },
      trendPerHourPerMin: { value: 2.5 },
      handleTimeS: { value: 180 },
      patienceS: { value: null, reason: '1 abandon with a known wait today; patience needs 3 (Erlang C used)' },
      targetAnswerS: 20,
      targetServiceLevel: 0.8,
      slotsPerAgent: 1,
      model: 'erlang-c',
    },
    agentsAvailable: 11,
    agentsLoggedIn: 12,
    current: { value: figures(11, 0.62) },
    required: { value: figures(14, 0.83) },
    minutesToBreach: { value: 12.4 },
    ...fields,
  };
}

describe('staffing words', () => {
  it('says what is needed, what is there, the predicted service level and the time to breach', () => {
    expect(adviceSentence(advice())).toBe('Needs 14 agents now, has 11 available; service level 62 % predicted; breach in about 12 min at this trend.');
    expect(adviceSentence(advice({ minutesToBreach: { value: 0 } }))).toContain('short of the target now');
    expect(breachText({ value: null, reason: 'arrivals are not rising' })).toBe('no breach expected (arrivals are not rising)');
  });

  it('gives the reason instead of a number when a figure is unknown', () => {
    const missing = advice({ current: { value: null, reason: 'no handle time: 2 finished' }, required: { value: null, reason: 'no handle time: 2 finished' } });
    expect(adviceSentence(missing)).toBe('No advice yet (no handle time: 2 finished); has 11 available.');
    expect(predictedRows(missing.current)).toEqual([{ label: 'Figures', text: 'unknown: no handle time: 2 finished' }]);
    expect(inputRows(advice()).find((row) => row.label.startsWith('Patience'))?.text).toMatch(/^unknown: 1 abandon/);
    expect(predictedRows({ value: { ...figures(3, 0), averageSpeedOfAnswerS: null, stable: false } }).find((row) => row.label === 'Average speed of answer')?.text).toMatch(/unbounded/);
  });

  it('formats seconds as minutes from a minute up', () => {
    expect(secondsText(42.4)).toBe('42 s');
    expect(secondsText(180)).toBe('3 min');
    expect(secondsText(195)).toBe('3 min 15 s');
  });

  it('turns a what-if into one agent.queues command per agent it names', () => {
    const whatIf: StaffingWhatIf = {
      fromQueueId: 'q2',
      toQueueId: 'q1',
      requested: 3,
      moves: [
        { agentId: 'a1', name: 'Ann', queueIdsAfter: ['q1'] },
        { agentId: 'a2', name: 'Bea', queueIdsAfter: ['q3', 'q1'] },
      ],
      from: { before: advice(), after: advice() },
      to: { before: advice(), after: advice() },
    };
    expect(moveSteps(whatIf).map((step) => step.command)).toEqual([
      { type: 'agent.queues', agentId: 'a1', queueIds: ['q1'] },
      { type: 'agent.queues', agentId: 'a2', queueIds: ['q3', 'q1'] },
    ]);
    expect(movesSummary(whatIf)).toBe('Only 2 of 3 can move: Ann, Bea.');
    expect(movesSummary({ ...whatIf, moves: [] })).toMatch(/^No agent can move/);
  });

  it('turns a slot change into one agent.capacity command per agent whose limit changes, and says so', () => {
    const whatIf: StaffingCapacityWhatIf = {
      queueId: 'q1',
      slots: 3,
      changes: [
        { agentId: 'a1', name: 'Ann', slotsBefore: 2, slotsAfter: 3 },
        { agentId: 'a2', name: 'Bea', slotsBefore: 4, slotsAfter: 3 },
      ],
      queues: [{ before: advice(), after: advice() }],
      unseenQueues: 0,
    };
    expect(capacitySteps(whatIf).map((step) => step.command)).toEqual([
      { type: 'agent.capacity', agentId: 'a1', slots: 3 },
      { type: 'agent.capacity', agentId: 'a2', slots: 3 },
    ]);
    expect(capacitySummary(whatIf)).toBe('Sets 2 agents to 3 at once: Ann (2 → 3), Bea (4 → 3).');
    expect(capacitySummary({ ...whatIf, changes: whatIf.changes.slice(0, 1), unseenQueues: 2 })).toBe('Sets 1 agent to 3 at once: Ann (2 → 3). They also serve 2 queues you do not see; they change too.');
    expect(capacitySummary({ ...whatIf, changes: [] })).toBe('Every logged-in agent already holds 3 conversations at once: nothing would change.');
  });
});
