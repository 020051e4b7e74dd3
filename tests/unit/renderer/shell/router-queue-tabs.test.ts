import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../../src-renderer/shell/router.js';

describe('queue tabs in the route', () => {
  it('reads and writes the staffing tab, and falls back to conversations for an unknown one', () => {
    const route = parseRoute('#/queue/q-sales/staffing');
    expect(route).toEqual({ view: 'queue', target: { kind: 'queue', queueId: 'q-sales' }, tab: 'staffing', conversationId: null, agentId: null });
    expect(formatRoute(route)).toBe('#/queue/q-sales/staffing');
    expect(parseRoute('#/queue/q-sales/performance')).toMatchObject({ tab: 'performance' });
    expect(parseRoute('#/queue/q-sales/nonsense')).toMatchObject({ tab: 'conversations' });
  });
});
