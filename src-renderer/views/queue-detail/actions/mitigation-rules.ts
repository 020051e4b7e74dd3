/**
 * When high-queue mitigation is unlocked (docs/product.md §2): the queued count has two severities,
 * low and high, from the queue's thresholds. A custom "high wait time" message is unlocked at low
 * severity or above, pausing the queue at high severity. Returning to normal is always open.
 *
 * Locked is not forbidden: a business stakeholder may know more than the threshold does (a
 * surge about to land, a floor meeting), so a locked option can still be applied after an explicit
 * "apply anyway" confirmation that states the current severity. The core accepts either way; the
 * audit log records who did it and when.
 */
import type { Channel, MitigationState, Thresholds } from '../../../../src-shared/protocol/events.js';
import { assertNever } from '../../../../src-shared/result.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

export type QueuedSeverity = 'none' | 'low' | 'high';

/** The queued severity, by the same rule as the core's breaches: an empty queue is never in severity. */
export function queuedSeverity(queued: number | null, thresholds: Pick<Thresholds, 'queuedLow' | 'queuedHigh'>): QueuedSeverity {
  if (queued === null || queued <= 0) return 'none';
  if (queued >= thresholds.queuedHigh) return 'high';
  if (queued >= thresholds.queuedLow) return 'low';
  return 'none';
}

const severityRank: Readonly<Record<QueuedSeverity, number>> = { none: 0, low: 1, high: 2 };

/** The severity that unlocks each mitigation state. */
export function unlockingSeverity(state: MitigationState): QueuedSeverity {
  switch (state) {
    case 'normal':
      return 'none';
    case 'custom_message':
      return 'low';
    case 'paused':
      return 'high';
    default:
      return assertNever(state, 'mitigation state');
  }
}

export interface MitigationOption {
  readonly state: MitigationState;
  readonly label: string;
  readonly description: string;
  /** Unlocked by the current severity: applied with one click. */
  readonly unlocked: boolean;
  /** The state the queue is in now. */
  readonly current: boolean;
  /** Why it is locked ("Unlocks at high queue: 10 queued or more; now 4"), or null. */
  readonly lockedReason: string | null;
}

/** Words per channel: a voice queue's callers hear, and its agents take calls, not chats. */
const labels: Readonly<Record<Channel, Readonly<Record<MitigationState, { readonly label: string; readonly description: string }>>>> = {
  chat: {
    normal: { label: t('normal'), description: t('customersSeeTheEstimated') },
    custom_message: { label: t('highWaitTimeMessage'), description: t('customersSeeYourMessage') },
    paused: { label: t('pauseTheQueue'), description: t('noNewAssignmentsWaiting') },
  },
  voice: {
    normal: { label: t('normal'), description: t('callersHearTheEstimated') },
    custom_message: { label: t('highWaitTimeMessage'), description: t('callersHearYourMessage') },
    paused: { label: t('pauseTheQueue'), description: t('noNewAssignmentsWaiting2') },
  },
};

/** The three mitigation choices for a queue, with whether each is unlocked now and why not. */
export function mitigationOptions(queued: number | null, thresholds: Pick<Thresholds, 'queuedLow' | 'queuedHigh'>, current: MitigationState, channel: Channel = 'chat'): readonly MitigationOption[] {
  const severity = queuedSeverity(queued, thresholds);
  const states: readonly MitigationState[] = ['normal', 'custom_message', 'paused'];
  return states.map((state) => {
    const needed = unlockingSeverity(state);
    const unlocked = severityRank[severity] >= severityRank[needed];
    const threshold = needed === 'high' ? thresholds.queuedHigh : thresholds.queuedLow;
    return {
      state,
      ...labels[channel][state],
      unlocked,
      current: state === current,
      lockedReason: unlocked ? null : `Unlocks at ${needed} queue severity (${threshold} queued or more); now ${queued ?? 0} queued.`,
    };
  });
}

/** Words for a severity, as shown next to the mitigation controls. */
export function describeSeverity(severity: QueuedSeverity, queued: number | null, thresholds: Pick<Thresholds, 'queuedLow' | 'queuedHigh'>): string {
  const count = queued ?? 0;
  switch (severity) {
    case 'none':
      return t('queueNormalCountQueued', { count, queuedLow: thresholds.queuedLow, queuedHigh: thresholds.queuedHigh });
    case 'low':
      return t('lowQueueSeverityCount', { count, queuedHigh: thresholds.queuedHigh });
    case 'high':
      return t('highQueueSeverityCount', { count, queuedHigh: thresholds.queuedHigh });
    default:
      return assertNever(severity, 'queued severity');
  }
}

/** The message a custom-message mitigation sends: trimmed, required, at most 1,000 characters. */
export function mitigationMessageError(state: MitigationState, message: string): string | null {
  if (state !== 'custom_message') return null;
  const text = message.trim();
  if (text.length === 0) return t('writeTheMessageCustomers');
  if (text.length > 1000) return t('theMessageHasAt');
  return null;
}
