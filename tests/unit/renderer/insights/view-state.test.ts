import { describe, expect, it } from 'vitest';
import { defaultViewState, formatViewState, parseViewState, withFilter, type InsightsViewState } from '../../../../src-renderer/views/insights/view-state.js';
import { formatRoute, parseRoute } from '../../../../src-renderer/shell/router.js';

const DEFAULTS: InsightsViewState = { range: { preset: 'last30Days' }, interval: 'week', timeZone: null, compare: false, filters: { channels: ['chat'] } };

describe('the Insights view state in the URL', () => {
  it('takes the dashboard defaults for what a link does not say', () => {
    expect(parseViewState('', DEFAULTS)).toEqual(DEFAULTS);
    expect(defaultViewState(null)).toEqual({ range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true, filters: {} });
  });

  it('reads back every setting it writes, custom dates and repeated filters included', () => {
    const state: InsightsViewState = {
      range: { from: '2026-03-28', to: '2026-03-30' },
      interval: '15m',
      timeZone: 'Europe/Berlin',
      compare: true,
      filters: { queueIds: ['q-billing', 'q-sales'], channels: ['voice'], intents: ['Dispute a charge'] },
    };
    expect(parseViewState(formatViewState(state), DEFAULTS)).toEqual(state);
  });

  it('writes "all" explicitly, so a link without filters overrides the dashboard\'s own', () => {
    const state: InsightsViewState = { ...DEFAULTS, filters: {} };
    expect(parseViewState(formatViewState(state), DEFAULTS).filters).toEqual({});
  });

  it('falls back on anything it cannot read: an unknown preset, a reversed range, an interval or channel not offered', () => {
    const parsed = parseViewState('range=forever&interval=year&channel=fax&compare=maybe', DEFAULTS);
    expect(parsed.range).toEqual(DEFAULTS.range);
    expect(parsed.interval).toBe('week');
    expect(parsed.compare).toBe(false);
    expect(parsed.filters).toEqual({});
    expect(parseViewState('range=2026-03-30..2026-03-01', DEFAULTS).range).toEqual(DEFAULTS.range);
  });

  it('replaces one filter list and drops it when emptied', () => {
    expect(withFilter({ queueIds: ['a'] }, 'agentIds', ['x'])).toEqual({ queueIds: ['a'], agentIds: ['x'] });
    expect(withFilter({ queueIds: ['a'] }, 'queueIds', [])).toEqual({});
  });

  it('travels in the route: the dashboard and its parameters', () => {
    const route = parseRoute('#/insights/builtin-program?range=today&interval=hour');
    expect(route).toEqual({ view: 'insights', dashboardId: 'builtin-program', params: 'range=today&interval=hour' });
    expect(formatRoute(route)).toBe('#/insights/builtin-program?range=today&interval=hour');
    expect(formatRoute({ view: 'insights', dashboardId: null, params: '' })).toBe('#/insights');
    expect(parseRoute('#/insights')).toEqual({ view: 'insights', dashboardId: null, params: '' });
  });
});

describe('a drill-down link to the Conversation Manager', () => {
  it('carries the search filters and their zone, and is read back the same', () => {
    const route = { view: 'history' as const, conversationId: null, drill: { filters: { queueIds: ['q-1'], createdAt: { min: 1000, max: 2000 } }, timeZone: 'America/New_York' } };
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('ignores filters that are not valid history filters, and leaves a plain history link as it was', () => {
    expect(parseRoute('#/history?filters=%7B%22nonsense%22%3A1%7D')).toEqual({ view: 'history', conversationId: null });
    expect(parseRoute('#/history?filters=not-json')).toEqual({ view: 'history', conversationId: null });
    expect(formatRoute({ view: 'history', conversationId: null })).toBe('#/history');
  });
});
