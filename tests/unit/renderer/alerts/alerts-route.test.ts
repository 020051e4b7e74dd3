/** The alert centre's route, and the count the top bar shows (alerts needing someone). */
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../../src-shared/api/alerts.js';
import { openCountOf } from '../../../../src-renderer/notify/alerts-store.js';
import { formatRoute, parseRoute } from '../../../../src-renderer/shell/router.js';

function alert(alertId: string, state: AlertRecord['state']): AlertRecord {
  return {
    alertId,
    kind: 'queued',
    queueId: 'q-orders',
    queueName: 'Orders',
    subject: 'queued',
    title: 'Queued at or above the low threshold',
    severity: 'warning',
    conversationId: null,
    raisedAt: 0,
    raisedSeq: 1,
    state,
    resolvedAt: null,
    snoozedUntil: null,
    escalatedTo: null,
    escalatedToName: null,
    updates: [],
  };
}

describe('the alert centre', () => {
  it('has its own route', () => {
    expect(parseRoute('#/alerts')).toEqual({ view: 'alerts' });
    expect(formatRoute({ view: 'alerts' })).toBe('#/alerts');
  });

  it('counts only the alerts nobody has taken', () => {
    expect(openCountOf(null)).toBe(0);
    expect(openCountOf({ at: 0, open: [alert('a', 'open'), alert('b', 'acknowledged'), alert('c', 'snoozed'), alert('d', 'escalated'), alert('e', 'open')] })).toBe(2);
  });
});
