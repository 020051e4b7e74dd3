/**
 * Words of the bulk actions (docs/product.md §2): the confirmation states how many conversations are
 * affected, the result says what was done. Chats for chat queues, calls for voice queues.
 */
import type { MetricValues } from '../../../../src-shared/metrics/dictionary.js';
import type { Channel } from '../../../../src-shared/protocol/events.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

/** "1 chat", "12 chats", "3 calls". */
export function countConversations(channel: Channel, count: number): string {
  return channel === 'chat' ? t('chatCount', { count }) : t('callCount', { count });
}

/** Waiting conversations a transfer would move: the queued count now. */
export function waitingCount(metrics: Pick<MetricValues, 'queued'>): number {
  return metrics.queued ?? 0;
}

/** Conversations "end all" would end: waiting and with an agent. */
export function endAllCount(metrics: Pick<MetricValues, 'queued' | 'assigned'>): { readonly total: number; readonly waiting: number; readonly assigned: number } {
  const waiting = metrics.queued ?? 0;
  const assigned = metrics.assigned ?? 0;
  return { total: waiting + assigned, waiting, assigned };
}

/** "12 waiting chats", "1 waiting call". */
export function countWaiting(channel: Channel, count: number): string {
  return channel === 'chat' ? t('waitingChats', { count }) : t('waitingCalls', { count });
}

/** "Move 12 waiting chats from Billing to Sales?" */
export function transferQuestion(channel: Channel, count: number, sourceName: string, targetName: string): string {
  return t('moveValue0FromSourcename', { value0: countWaiting(channel, count), sourceName, targetName });
}

/** "Moved 12 waiting chats to Sales." */
export function transferDone(channel: Channel, count: number, targetName: string): string {
  return t('movedValue0ToTargetname', { value0: countWaiting(channel, count), targetName });
}

/** "End all 27 chats of Billing (12 waiting, 15 with agents)?" */
export function endAllQuestion(channel: Channel, counts: ReturnType<typeof endAllCount>, queueName: string): string {
  return t('endAllValue0Of2', { value0: countConversations(channel, counts.total), queueName, waiting: counts.waiting, assigned: counts.assigned });
}

/** "Ended 27 chats of Billing." */
export function endAllDone(channel: Channel, count: number, queueName: string): string {
  return t('endedValue0OfQueuename', { value0: countConversations(channel, count), queueName });
}
