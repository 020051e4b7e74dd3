/** The window title names the view, with the queue's or group's name once the overview knows it. */
import { describe, expect, it } from 'vitest';
import { groupTileId } from '../../../../src-shared/api/live.js';
import { parseRoute } from '../../../../src-renderer/shell/router.js';
import { viewTitleParts, windowTitle } from '../../../../src-renderer/shell/view-title.js';

const NAMES: Readonly<Record<string, string>> = { 'q-billing': 'Billing', [groupTileId('g-orders')]: 'Orders' };
const name = (id: string): string | undefined => NAMES[id];
const titleOf = (hash: string): string => windowTitle(viewTitleParts(parseRoute(hash), name));

describe('the window title', () => {
  it.each([
    ['#/', 'Live floor · Floorwatch'],
    ['#/queue/q-billing/conversations', 'Billing — Live conversations · Floorwatch'],
    ['#/queue/q-billing/performance', 'Billing — Performance · Floorwatch'],
    ['#/queue/q-billing/staffing?conversation=c-1', 'Billing — Staffing · Floorwatch'],
    ['#/group/g-orders/conversations', 'Orders — Live conversations · Floorwatch'],
    ['#/dictionary', 'Data dictionary · Floorwatch'],
    ['#/dictionary/serviceLevelPct', 'Service level — Data dictionary · Floorwatch'],
    ['#/history', 'Conversations · Floorwatch'],
    ['#/history/c-42', 'Conversation c-42 · Floorwatch'],
    ['#/audit', 'Audit · Floorwatch'],
    ['#/insights/builtin-program?range=today', 'Insights · Floorwatch'],
    ['#/wallboards', 'Wallboards · Floorwatch'],
    ['#/manage/hours', 'Business hours — Manage · Floorwatch'],
    ['#/manage/thresholds/q-billing', 'Billing — Thresholds · Floorwatch'],
    ['#/manage/users', 'Users — Manage · Floorwatch'],
    ['#/connection', 'Connection · Floorwatch'],
  ])('%s is "%s"', (hash, title) => {
    expect(titleOf(hash)).toBe(title);
  });

  it('shows the id of a queue the overview does not name yet', () => {
    expect(titleOf('#/queue/q-unknown/performance')).toBe('q-unknown — Performance · Floorwatch');
  });

  it('is the product alone without parts', () => {
    expect(windowTitle([])).toBe('Floorwatch');
  });
});
