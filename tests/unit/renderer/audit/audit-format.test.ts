/** The audit view's verdict words: each chain problem and each anchor state reads as what it is. */
import { describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../../src-shared/api/live-insights.js';
import { describeAnchor, describeAuditRecord, describeChain, describeVerification } from '../../../../src-renderer/views/audit/audit-format.js';

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

describe('an audit record in words', () => {
  const names = { queue: (queueId: string) => ({ 'q-billing': 'Billing', 'q-sales': 'Sales' })[queueId] };

  it('says what was done to which conversation, with its fields rather than raw JSON', () => {
    const text = describeAuditRecord({ auditId: 5, action: 'conversation.whisper', target: 'conversation:c-17', detail: '{"conversationId":"c-17","text":"Offer the refund"}', outcomeAuditId: 6 }, names);
    expect(text).toEqual({ what: 'Whispered to the agent', subject: 'Conversation c-17', details: ['text: Offer the refund'], entries: '#5 + #6' });
  });

  it('names queues, including a target queue in the fields', () => {
    const text = describeAuditRecord({ auditId: 7, action: 'queue.transfer_waiting', target: 'queue:q-billing', detail: '{"queueId":"q-billing","targetQueueId":"q-sales"}', outcomeAuditId: null }, names);
    expect(text.subject).toBe('Queue Billing');
    expect(text.details).toEqual(['target queue id: Sales']);
    expect(text.entries).toBe('#7');
  });

  it('summarises nested settings and keeps an action it does not know by its name', () => {
    const board = describeAuditRecord({ auditId: 9, action: 'wallboard.board.save', target: 'board:b-1', detail: JSON.stringify({ board: { name: 'Orders floor', tiles: [] } }) });
    expect(board).toMatchObject({ what: 'Saved a board', subject: 'Board b-1', details: ['board: “Orders floor”'] });
    expect(describeAuditRecord({ auditId: 10, action: 'alerts.snooze', target: 'cache', detail: 'not json' })).toMatchObject({ what: 'alerts.snooze', subject: 'Cache', details: ['detail: not json'] });
    expect(JSON.stringify(board.details)).not.toContain('{');
  });
});
