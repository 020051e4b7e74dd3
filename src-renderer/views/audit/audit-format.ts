/** Words of the audit view: the verification verdict and each outcome. */
import type { AuditRecord, AuditVerification } from '../../../src-shared/api/live-insights.js';
import { assertNever } from '../../../src-shared/result.js';

/** "Chain intact: 124 records" or "Tampered at record #17 (124 checked)". */
export function describeVerification(verification: AuditVerification): string {
  if (verification.ok) return `Chain intact: ${verification.checked} ${verification.checked === 1 ? 'record' : 'records'}`;
  const where = verification.firstBadAuditId === null ? 'Chain broken' : `Tampered at record #${verification.firstBadAuditId}`;
  return `${where} (${verification.checked} checked)`;
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
