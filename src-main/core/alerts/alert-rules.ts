/**
 * Who may act on an alert, decided at the one enforcement point after the API service checked the
 * capability (docs/decisions/0018-one-enforcement-point.md): the alert must be unresolved and of a
 * queue in the session's scope; an escalation goes to someone else who is a supervisor or team
 * leader (a WFM leader or an admin) with that queue in their scope. Pure: the Access, the alert
 * and the live floor's directory in, an ActionPlan out; the shared action path audits and sends it.
 * The simulator applies the same rules (sim/demo-users.ts): the console is the second line.
 */
import { canonicalJson } from '../../../src-shared/api/commands.js';
import type { EscalationTarget } from '../../../src-shared/api/alerts.js';
import type { Command } from '../../../src-shared/api/contract.js';
import type { FeedCommand } from '../../../src-shared/protocol/frames.js';
import { assertNever, fail, ok } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import type { LiveState } from '../floor-state/state.js';
import type { ActionPlan, ActionPolicy } from '../live-insights/command-service.js';
import type { StoredAlert } from './alert-repository.js';

export type AlertCommandType = 'alerts.acknowledge' | 'alerts.snooze' | 'alerts.escalate';
export type AlertCommand = Extract<Command, { type: AlertCommandType }>;

/** The console roles that can take an escalated alert. */
const ESCALATION_ROLES: readonly string[] = ['wfm_leader', 'admin'];

/** The people an alert of this queue may be escalated to by this user, by name. */
export function escalationTargets(access: Pick<Access, 'userId'>, queueId: string, live: LiveState): EscalationTarget[] {
  const targets: EscalationTarget[] = [];
  for (const person of live.directory.values()) {
    if (person.userId === access.userId || person.role === null || !ESCALATION_ROLES.includes(person.role)) continue;
    if (person.queueScope !== null && !person.queueScope.includes(queueId)) continue;
    targets.push({ userId: person.userId, name: person.name, role: person.role, teamName: person.teamName });
  }
  return targets.sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
}

/** The feed command for an alert command: the acting user is the session's. */
export function toAlertFeedCommand(access: Pick<Access, 'userId'>, command: AlertCommand, alert: Pick<StoredAlert, 'alertId' | 'queueId' | 'kind' | 'subject'>): FeedCommand {
  const base = { alertId: alert.alertId, queueId: alert.queueId, kind: alert.kind, subject: alert.subject, by: access.userId };
  const note = command.note === undefined || command.note.length === 0 ? {} : { note: command.note };
  switch (command.type) {
    case 'alerts.acknowledge':
      return { type: 'alert.acknowledge', ...base, ...note };
    case 'alerts.snooze':
      return command.durationSec === undefined ? { type: 'alert.snooze', ...base, ...note } : { type: 'alert.snooze', ...base, durationSec: command.durationSec, ...note };
    case 'alerts.escalate':
      return { type: 'alert.escalate', ...base, toUserId: command.toUserId, ...note };
    default:
      return assertNever(command, 'alert command');
  }
}

/** Decides one alert command against the alert it names (null: no such alert). */
export function planAlertCommand(access: Access, command: AlertCommand, alert: StoredAlert | null, live: LiveState): ActionPlan {
  const { type: _type, ...fields } = command;
  const target = `alert:${command.alertId}`;
  const detail = canonicalJson(fields);
  const refuse = (reason: string, queueIds: readonly string[] = []): ActionPlan => ({ target, detail, queueIds, send: fail(reason) });
  if (alert === null) return refuse(`Unknown alert ${command.alertId}.`);
  // An alert of a queue outside the scope is answered as unknown, and audited so its user can read it.
  if (!access.sees(alert.queueId)) return refuse(`Unknown alert ${command.alertId}.`);
  if (alert.state === 'resolved') return refuse('The alert has already recovered.', [alert.queueId]);
  if (command.type === 'alerts.escalate') {
    if (command.toUserId === access.userId) return refuse('Escalate to someone else.', [alert.queueId]);
    const person = live.directory.get(command.toUserId);
    if (person === undefined) return refuse(`Unknown user ${command.toUserId}.`, [alert.queueId]);
    if (!escalationTargets(access, alert.queueId, live).some((candidate) => candidate.userId === command.toUserId)) {
      return refuse(`${person.name} is not a supervisor or team leader of queue ${alert.queueId}, so cannot take this alert.`, [alert.queueId]);
    }
  }
  return { target, detail, queueIds: [alert.queueId], send: ok(toAlertFeedCommand(access, command, alert)) };
}

/** Alert commands on the shared action path (audited, sent once per command id). */
export function alertPolicy(find: (alertId: string) => StoredAlert | null): ActionPolicy<AlertCommand, Access> {
  return {
    plan: (access, command, live) => planAlertCommand(access, command, find(command.alertId), live),
    toFeed: (access, command) => {
      const alert = find(command.alertId);
      if (alert === null) throw new Error(`Unknown alert ${command.alertId}`);
      return toAlertFeedCommand(access, command, alert);
    },
  };
}
