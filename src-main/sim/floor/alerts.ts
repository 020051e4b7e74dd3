/**
 * Alerts' lifecycle on the simulated floor (docs/protocol.md, "Alerts"): the consoles raise alerts
 * themselves from the floor they see; the feed only carries what people do about them, so every
 * console on it applies the same acknowledgement, snooze or escalation. Who may act was checked
 * before (demo-users.ts); here the escalation's target must be someone who can take it.
 */
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { emit, type SimState } from './state.js';

type AlertCommand = Extract<FeedCommand, { type: 'alert.acknowledge' | 'alert.snooze' | 'alert.escalate' }>;

/** Alerts whose last change a snapshot repeats; the oldest are forgotten past this many. */
const ALERTS_KEPT = 500;

/** The roles an alert may be escalated to: supervisors and team leaders who act on queues. */
export const ESCALATION_ROLES: readonly string[] = ['wfm_leader', 'admin'];

/** Applies an alert command at the floor's time: one `alert.updated`; or the reason it is refused. */
export function applyAlertCommand(state: SimState, command: AlertCommand): string | undefined {
  if (!state.queuesById.has(command.queueId)) return `unknown queue ${command.queueId}`;
  if (!command.alertId.startsWith(`${command.kind}:${command.queueId}:`)) return `alert ${command.alertId} does not belong to queue ${command.queueId}`;
  const base = { time: state.now, alertId: command.alertId, queueId: command.queueId, kind: command.kind, subject: command.subject, by: command.by };
  const note = command.note === undefined || command.note.length === 0 ? {} : { note: command.note };
  let event: FloorEventInput;
  switch (command.type) {
    case 'alert.acknowledge':
      event = { type: 'alert.updated', ...base, state: 'acknowledged', ...note };
      break;
    case 'alert.snooze':
      event = { type: 'alert.updated', ...base, state: 'snoozed', snoozedUntil: command.durationSec === undefined ? null : state.now + command.durationSec * 1000, ...note };
      break;
    case 'alert.escalate': {
      const target = state.peopleById.get(command.toUserId);
      if (target === undefined) return `unknown user ${command.toUserId}`;
      if (target.userId === command.by) return 'an alert is escalated to someone else';
      if (target.role === null || !ESCALATION_ROLES.includes(target.role)) return `${command.toUserId} is not a supervisor or team leader`;
      event = { type: 'alert.updated', ...base, state: 'escalated', escalatedTo: command.toUserId, ...note };
      break;
    }
  }
  emit(state, event);
  state.alerts.delete(command.alertId);
  state.alerts.set(command.alertId, event);
  if (state.alerts.size > ALERTS_KEPT) {
    const oldest = state.alerts.keys().next().value;
    if (oldest !== undefined) state.alerts.delete(oldest);
  }
  return undefined;
}
