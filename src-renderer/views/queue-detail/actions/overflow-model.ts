/**
 * Overflow routing rules of a queue (docs/product.md §2): send traffic from this queue to another of
 * the same channel when it is outside its business hours, or when it has no available agent.
 * One rule per condition, so the floor never has to choose between two targets.
 */
import type { Channel, OverflowRule } from '../../../../src-shared/protocol/events.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

export type OverflowWhen = OverflowRule['when'];

export const OVERFLOW_WHEN: readonly OverflowWhen[] = ['no_available_agents', 'outside_business_hours'];

export const OVERFLOW_WHEN_LABELS: Readonly<Record<OverflowWhen, string>> = {
  no_available_agents: 'when no agent is available',
  outside_business_hours: 'outside business hours',
};

export const MAX_OVERFLOW_RULES = 32;

export interface OverflowQueue {
  readonly queueId: string;
  readonly name: string;
  readonly channel: Channel;
}

/** Queues a rule of `source` may send traffic to: same channel, not itself, by name. */
export function overflowTargets(queues: readonly OverflowQueue[], source: OverflowQueue): readonly OverflowQueue[] {
  return queues
    .filter((queue) => queue.queueId !== source.queueId && queue.channel === source.channel)
    .sort((left, right) => left.name.localeCompare(right.name, undefined, { numeric: true, sensitivity: 'base' }));
}

/** "Overflow → Sales when no agent is available". */
export function describeOverflowRule(rule: Pick<OverflowRule, 'when' | 'targetQueueId'>, nameOf: (queueId: string) => string | undefined): string {
  return t('overflowValue0Value1', { value0: nameOf(rule.targetQueueId) ?? rule.targetQueueId, value1: OVERFLOW_WHEN_LABELS[rule.when] });
}

/**
 * What is wrong with a rule list, one message per problem; empty when it can be saved. A target
 * must exist, differ from the source and share its channel; each condition appears once.
 */
export function overflowRuleErrors(rules: readonly Pick<OverflowRule, 'when' | 'targetQueueId'>[], source: OverflowQueue, queues: readonly OverflowQueue[]): readonly string[] {
  const errors: string[] = [];
  if (rules.length > MAX_OVERFLOW_RULES) errors.push(`A queue has at most ${MAX_OVERFLOW_RULES} overflow rules.`);
  const byId = new Map(queues.map((queue) => [queue.queueId, queue]));
  const seen = new Set<OverflowWhen>();
  rules.forEach((rule, index) => {
    const position = `Rule ${index + 1}`;
    const target = byId.get(rule.targetQueueId);
    if (rule.targetQueueId.length === 0) errors.push(`${position}: choose a target queue.`);
    else if (rule.targetQueueId === source.queueId) errors.push(`${position}: a queue cannot overflow to itself.`);
    else if (target === undefined) errors.push(`${position}: the target queue ${rule.targetQueueId} is not known.`);
    else if (target.channel !== source.channel) errors.push(`${position}: ${target.name} is a ${target.channel} queue; overflow stays within ${source.channel}.`);
    if (seen.has(rule.when)) errors.push(`${position}: there is already a rule ${OVERFLOW_WHEN_LABELS[rule.when]}.`);
    seen.add(rule.when);
  });
  return errors;
}

/** The first condition not used yet, for a new rule; null when both are taken. */
export function nextFreeCondition(rules: readonly Pick<OverflowRule, 'when'>[]): OverflowWhen | null {
  return OVERFLOW_WHEN.find((when) => !rules.some((rule) => rule.when === when)) ?? null;
}
