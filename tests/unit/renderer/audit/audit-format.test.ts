/** The audit view's verdict words: each chain problem and each anchor state reads as what it is. */
import { describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../../src-shared/api/live-insights.js';
import { describeAnchor, describeChain, describeVerification } from '../../../../src-renderer/views/audit/audit-format.js';

const HASH = 'a'.repeat(64);
const intact: AuditVerification = {
  ok: true,
  checked: 12,
  firstBadAuditId: null,
  lastGoodAuditId: null,
  problem: null,
  reason: null,
  legacyThrough: 0,
  head: { auditId: 12, hash: HASH },
  anchor: { state: 'agrees', anchor: { auditId: 10, hash: HASH } },
};

describe('audit verdict words', () => {
  it('says an intact chain is intact, and mentions a legacy prefix', () => {
    expect(describeChain(intact)).toMatchObject({ tone: 'ok', title: 'Chain intact: 12 records' });
    expect(describeChain({ ...intact, legacyThrough: 4 }).detail).toContain('up to #4');
    expect(describeVerification(intact)).toBe('Chain intact: 12 records · Feed anchor agrees');
  });

  it.each([
    [{ problem: 'forged', firstBadAuditId: 6, reason: 'Record 6 does not match its keyed hash' }, 'Broken at record #6'],
    [{ problem: 'missing', firstBadAuditId: 3, checked: 2, reason: 'Records 3–4 are missing: the chain breaks after record 2.' }, 'Records missing from #3'],
    [{ problem: 'missing', firstBadAuditId: 1, checked: 0, reason: 'All 5 records are missing: the log was emptied.' }, 'Audit log emptied'],
    [{ problem: 'key-missing', firstBadAuditId: 1, reason: 'key' }, 'Chain key missing or replaced'],
    [{ problem: 'head-missing', reason: 'head' }, 'Head outside the database missing'],
    [{ problem: 'boundary-moved', reason: 'moved' }, 'Legacy boundary moved'],
  ] as const)('names a broken chain: %o', (change, title) => {
    const line = describeChain({ ...intact, ok: false, ...change });
    expect(line).toEqual({ tone: 'bad', title, detail: change.reason });
  });

  it('says whether the feed anchor agrees, is unknown or disagrees', () => {
    expect(describeAnchor({ state: 'unknown', reason: 'v1 feed' })).toEqual({ tone: 'unknown', title: 'Feed anchor unknown', detail: 'v1 feed' });
    expect(describeAnchor({ state: 'disagrees', anchor: { auditId: 9, hash: HASH }, reason: 'rolled back' })).toEqual({ tone: 'bad', title: 'Feed anchor disagrees', detail: 'rolled back' });
  });
});
