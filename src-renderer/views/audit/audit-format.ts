/** Words of the audit view: the verification verdict, the feed anchor's verdict, and each outcome. */
import type { AuditAnchorCheck, AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import { assertNever } from '../../../src-shared/result.js';

/** How the verdict looks: good, bad, or not known. */
export type VerdictTone = 'ok' | 'bad' | 'unknown';

export interface VerdictLine {
  readonly tone: VerdictTone;
  readonly title: string;
  /** The reason in the core's words, or what the verdict covers. */
  readonly detail: string;
}

function recordCount(count: number): string {
  return `${count} ${count === 1 ? 'record' : 'records'}`;
}

/**
 * The local chain's verdict: "Chain intact: 124 records", or where it breaks ("Broken at record
 * #3", "Records missing from #3") with the core's reason naming the records.
 */
export function describeChain(verification: AuditVerification): VerdictLine {
  const legacy = verification.legacyThrough > 0 ? ` Records up to #${verification.legacyThrough} predate the keyed chain (plain hashes).` : '';
  if (verification.problem === null) {
    return { tone: 'ok', title: `Chain intact: ${recordCount(verification.checked)}`, detail: `Every record matches its keyed hash and the head kept outside the database.${legacy}` };
  }
  const at = verification.firstBadAuditId;
  const reason = verification.reason ?? '';
  switch (verification.problem) {
    case 'forged':
      return { tone: 'bad', title: at === null ? 'Chain broken' : `Broken at record #${at}`, detail: reason };
    case 'missing':
      return { tone: 'bad', title: at === 1 && verification.checked === 0 ? 'Audit log emptied' : `Records missing from #${at ?? '?'}`, detail: reason };
    case 'key-missing':
      return { tone: 'bad', title: 'Chain key missing or replaced', detail: reason };
    case 'head-missing':
      return { tone: 'bad', title: 'Head outside the database missing', detail: reason };
    case 'boundary-moved':
      return { tone: 'bad', title: 'Legacy boundary moved', detail: reason };
    default:
      return assertNever(verification.problem, 'audit problem');
  }
}

/** The feed anchor's verdict: agrees, unknown (no anchor, a v1 feed), or disagrees with the reason. */
export function describeAnchor(anchor: AuditAnchorCheck): VerdictLine {
  switch (anchor.state) {
    case 'agrees':
      return { tone: 'ok', title: 'Feed anchor agrees', detail: `The feed holds record #${anchor.anchor.auditId} with the same hash.` };
    case 'unknown':
      return { tone: 'unknown', title: 'Feed anchor unknown', detail: anchor.reason };
    case 'disagrees':
      return { tone: 'bad', title: 'Feed anchor disagrees', detail: anchor.reason };
    default:
      return assertNever(anchor, 'audit anchor');
  }
}

/** The one-line summary: "Chain intact: 124 records · Feed anchor agrees". */
export function describeVerification(verification: AuditVerification): string {
  return `${describeChain(verification).title} · ${describeAnchor(verification.anchor).title}`;
}

export function outcomeLabel(outcome: AuditRecord['outcome']): string {
  switch (outcome) {
    case 'pending':
      return 'Pending';
    case 'acked':
      return 'Done';
    case 'rejected':
      return 'Rejected';
    case 'local':
      return 'Done (this console)';
    default:
      return assertNever(outcome, 'audit outcome');
  }
}
