import { describe, expect, it } from 'vitest';
import { describeOverflowRule, nextFreeCondition, overflowRuleErrors, overflowTargets, type OverflowQueue } from '../../../../../src-renderer/views/queue-detail/actions/overflow-model.js';

const queues: readonly OverflowQueue[] = [
  { queueId: 'q-billing', name: 'Billing', channel: 'chat' },
  { queueId: 'q-sales', name: 'Sales', channel: 'chat' },
  { queueId: 'q-phone', name: 'Phone Support', channel: 'voice' },
  { queueId: 'q-apps', name: 'Apps', channel: 'chat' },
];
const billing = queues[0]!;

describe('overflow rules', () => {
  it('offers the other queues of the same channel as targets, by name', () => {
    expect(overflowTargets(queues, billing).map((queue) => queue.queueId)).toEqual(['q-apps', 'q-sales']);
  });

  it('describes a rule as the tile shows it', () => {
    const nameOf = (queueId: string) => queues.find((queue) => queue.queueId === queueId)?.name;
    expect(describeOverflowRule({ when: 'no_available_agents', targetQueueId: 'q-sales' }, nameOf)).toBe('Overflow → Sales when no agent is available');
    expect(describeOverflowRule({ when: 'outside_business_hours', targetQueueId: 'q-gone' }, nameOf)).toBe('Overflow → q-gone outside business hours');
  });

  it('accepts one rule per condition to queues of the same channel', () => {
    expect(
      overflowRuleErrors(
        [
          { when: 'no_available_agents', targetQueueId: 'q-sales' },
          { when: 'outside_business_hours', targetQueueId: 'q-apps' },
        ],
        billing,
        queues,
      ),
    ).toEqual([]);
  });

  it('refuses a missing, self, unknown or other-channel target and a repeated condition', () => {
    const errors = overflowRuleErrors(
      [
        { when: 'no_available_agents', targetQueueId: '' },
        { when: 'outside_business_hours', targetQueueId: 'q-billing' },
        { when: 'no_available_agents', targetQueueId: 'q-phone' },
        { when: 'outside_business_hours', targetQueueId: 'q-nowhere' },
      ],
      billing,
      queues,
    );
    expect(errors).toEqual([
      'Rule 1: choose a target queue.',
      'Rule 2: a queue cannot overflow to itself.',
      'Rule 3: Phone Support is a voice queue; overflow stays within chat.',
      'Rule 3: there is already a rule when no agent is available.',
      'Rule 4: the target queue q-nowhere is not known.',
      'Rule 4: there is already a rule outside business hours.',
    ]);
  });

  it('offers the condition not used yet for a new rule', () => {
    expect(nextFreeCondition([])).toBe('no_available_agents');
    expect(nextFreeCondition([{ when: 'no_available_agents' }])).toBe('outside_business_hours');
    expect(nextFreeCondition([{ when: 'no_available_agents' }, { when: 'outside_business_hours' }])).toBeNull();
  });
});
