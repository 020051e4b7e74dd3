/**
 * The audit port every area gets in its CoreContext: one call records a sensitive action done on
 * this console (an export of customer data, a device made or revoked, LAN serving switched, a
 * retention change, a board or playlist changed, a threshold override, a note) in the one keyed
 * chain that also holds supervisor actions (docs/decisions/0014-keyed-audit-chain.md).
 */
import { canonicalJson } from '../../../src-shared/api/commands.js';
import type { AuditHead, AuditRecord } from '../../../src-shared/api/live-insights.js';
import { errorMessage } from '../../../src-shared/errors.js';
import type { Session } from '../api/session.js';
import type { AuditLog } from './audit-log.js';

/** What an area says about a local action; who did it comes from the session. */
export interface LocalAuditEntry {
  /** The contract command's type, e.g. "wallboard.device.create". */
  readonly action: string;
  /** What the action is aimed at, e.g. "device:d-12" or "export:4f1c…". */
  readonly target: string;
  /** Queues the action concerns: a scoped user sees records of their queues. */
  readonly queueIds?: readonly string[];
  /** What was done, as plain JSON (stored canonically, inside the hash). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditPort {
  /**
   * Records an action already done on this console, with the outcome `local`. Throws when the
   * record could not be written, so the user hears that the action stands unaudited.
   */
  record(session: Session, entry: LocalAuditEntry): AuditRecord;
  /** The chain's last record: what each audited command carries to the feed. */
  head(): AuditHead;
  /** The whole log, for the actions area (supervisor actions, list, verify). */
  readonly log: AuditLog;
}

/** The port over one audit log, stamping records with the wall clock. */
export function createAuditPort(log: AuditLog, now: () => number = Date.now): AuditPort {
  return {
    log,
    head: () => log.head(),
    record(session, entry) {
      try {
        return log.recordLocal({
          at: now(),
          userId: session.userId,
          role: session.role,
          action: entry.action,
          target: entry.target,
          queueIds: entry.queueIds ?? [],
          detail: canonicalJson(entry.detail ?? {}),
        });
      } catch (error) {
        throw new Error(`${entry.action} was done, but its audit record could not be written: ${errorMessage(error)}`);
      }
    },
  };
}
