/**
 * Saved dashboards through their handlers, on a real SQLite file: the built-ins listed and
 * refused to writes, each user's own kept apart, imports refused with path and reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDashboardHandlers, type DashboardHandlers } from '../../../../src-main/core/insights/dashboards-handlers.js';
import { MAX_USER_DASHBOARDS, createDashboardRepository } from '../../../../src-main/core/insights/dashboards-repository.js';
import type { DashboardDocument, DashboardRecord } from '../../../../src-shared/api/insights.js';
import { BUILT_IN_DASHBOARD_IDS, builtInDashboard } from '../../../../src-shared/insights/built-in-dashboards.js';
import { serializeDashboardDocument } from '../../../../src-shared/insights/dashboard-document.js';
import type { Result } from '../../../../src-shared/result.js';
import { insightsKit, LEADER, STAKEHOLDER, type InsightsKit } from './dashboards-test-kit.js';

let kit: InsightsKit;
let handlers: DashboardHandlers;
let clock = 1_000;

beforeEach(() => {
  kit = insightsKit('dashboards');
  handlers = createDashboardHandlers({ store: kit.store, audit: kit.audit, now: () => clock });
});
afterEach(() => kit.close());

const program = (): DashboardDocument => builtInDashboard('builtin-program')!.document;

function value<T>(result: Result<T> | Promise<Result<T>>): T {
  if (result instanceof Promise) throw new Error('expected a synchronous answer');
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function error<T>(result: Result<T> | Promise<Result<T>>): string {
  if (result instanceof Promise) throw new Error('expected a synchronous answer');
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const save = (session = LEADER, document: DashboardDocument = { ...program(), name: 'My program' }, dashboardId: string | null = null): Result<DashboardRecord> =>
  handlers.commands['insights.dashboard.save'](kit.access(session), { type: 'insights.dashboard.save', dashboardId, document }, 'c') as Result<DashboardRecord>;

const importText = (json: string, session = LEADER) => handlers.commands['insights.dashboard.import'](kit.access(session), { type: 'insights.dashboard.import', json }, 'c');

describe('dashboards', () => {
  it('lists the four built-ins for a user with none of their own, and reads each', () => {
    const list = value(handlers.queries['insights.dashboards'](kit.access(LEADER), { type: 'insights.dashboards' }));
    expect(list).toEqual(BUILT_IN_DASHBOARD_IDS.map((dashboardId) => ({ dashboardId, name: builtInDashboard(dashboardId)!.document.name, builtIn: true, updatedAt: null })));
    const record = value(handlers.queries['insights.dashboard'](kit.access(STAKEHOLDER), { type: 'insights.dashboard', dashboardId: 'builtin-outcomes' }));
    expect(record).toMatchObject({ builtIn: true, updatedAt: null, name: 'Outcomes' });
    expect(record.document).toEqual(builtInDashboard('builtin-outcomes')!.document);
  });

  it('saves a copy, replaces it, lists it after the built-ins and keeps it across a reopen of the file', () => {
    const first = value(save());
    expect(first).toMatchObject({ name: 'My program', builtIn: false, updatedAt: 1_000 });
    clock = 2_000;
    const replaced = value(save(LEADER, { ...first.document, name: 'Renamed', notes: 'for Monday' }, first.dashboardId));
    expect(replaced).toMatchObject({ dashboardId: first.dashboardId, name: 'Renamed', updatedAt: 2_000 });
    const list = value(handlers.queries['insights.dashboards'](kit.access(LEADER), { type: 'insights.dashboards' }));
    expect(list.slice(4)).toEqual([{ dashboardId: first.dashboardId, name: 'Renamed', builtIn: false, updatedAt: 2_000 }]);
    const again = kit.store.repository(createDashboardRepository).get(LEADER.userId, first.dashboardId);
    expect(again?.document.notes).toBe('for Monday');
  });

  it('refuses to change or delete a built-in dashboard', () => {
    expect(error(save(LEADER, program(), 'builtin-program'))).toBe('Built-in dashboards cannot be changed; copy it first.');
    expect(error(handlers.commands['insights.dashboard.delete'](kit.access(LEADER), { type: 'insights.dashboard.delete', dashboardId: 'builtin-automation' }, 'c'))).toBe(
      'Built-in dashboards cannot be changed; copy it first.',
    );
  });

  it('keeps each user\'s dashboards their own: another user neither lists, reads, replaces nor deletes them', () => {
    const mine = value(save(LEADER));
    const theirs = kit.access(STAKEHOLDER);
    expect(value(handlers.queries['insights.dashboards'](theirs, { type: 'insights.dashboards' }))).toHaveLength(4);
    expect(error(handlers.queries['insights.dashboard'](theirs, { type: 'insights.dashboard', dashboardId: mine.dashboardId }))).toBe(`No dashboard ${mine.dashboardId} among yours.`);
    expect(error(save(STAKEHOLDER, program(), mine.dashboardId))).toBe(`No dashboard ${mine.dashboardId} among yours.`);
    expect(error(handlers.commands['insights.dashboard.delete'](theirs, { type: 'insights.dashboard.delete', dashboardId: mine.dashboardId }, 'c'))).toContain('No dashboard');
    expect(value(handlers.queries['insights.dashboard'](kit.access(LEADER), { type: 'insights.dashboard', dashboardId: mine.dashboardId })).name).toBe('My program');
  });

  it('deletes one of the user\'s own, and audits saves, imports and deletes', () => {
    const mine = value(save(LEADER));
    expect(value(handlers.commands['insights.dashboard.delete'](kit.access(LEADER), { type: 'insights.dashboard.delete', dashboardId: mine.dashboardId }, 'c'))).toBeNull();
    expect(error(handlers.queries['insights.dashboard'](kit.access(LEADER), { type: 'insights.dashboard', dashboardId: mine.dashboardId }))).toContain('No dashboard');
    value(importText(serializeDashboardDocument(program())));
    expect(kit.records('insights.dashboard.save').map((record) => record.target)).toEqual([`dashboard:${mine.dashboardId}`]);
    expect(kit.records('insights.dashboard.delete').map((record) => record.userId)).toEqual(['lee']);
    expect(kit.records('insights.dashboard.import')).toHaveLength(1);
  });

  it('imports a shared document as a new dashboard of the importer\'s, a built-in\'s export included', () => {
    const text = serializeDashboardDocument(program());
    const imported = value(importText(text, STAKEHOLDER));
    expect(imported).toMatchObject({ name: 'Program', builtIn: false });
    expect(imported.dashboardId).not.toBe('builtin-program');
    expect(serializeDashboardDocument(imported.document)).toBe(text);
    expect(value(handlers.queries['insights.dashboards'](kit.access(STAKEHOLDER), { type: 'insights.dashboards' })).map((entry) => entry.dashboardId)).toContain(imported.dashboardId);
  });

  it('refuses an invalid import with the path and the reason', () => {
    const document = JSON.parse(serializeDashboardDocument(program())) as { widgets: { metrics: string[] }[] };
    document.widgets[2]!.metrics[0] = 'happiness';
    expect(error(importText(JSON.stringify(document)))).toMatch(/^widgets\[2\]\.metrics\[0\]: [A-Z].+\.$/);
    expect(error(importText(JSON.stringify({ ...document, version: 9 })))).toMatch(/^version: This dashboard was made by a newer Floorwatch/);
    expect(error(importText('{"format": "floorwatch.dashboard"'))).toMatch(/^document: The file is not JSON/);
    expect(value(handlers.queries['insights.dashboards'](kit.access(LEADER), { type: 'insights.dashboards' }))).toHaveLength(4);
  });

  it('refuses a save whose widgets share an id, and a user past the limit', () => {
    const twice = { ...program(), widgets: [program().widgets[0]!, program().widgets[0]!] };
    expect(error(save(LEADER, twice))).toMatch(/^widgets\[1\]\.id: /);
    const repository = kit.store.repository(createDashboardRepository);
    for (let index = 0; index < MAX_USER_DASHBOARDS; index += 1) expect(repository.save('bulk', null, program(), index).ok).toBe(true);
    expect(repository.save('bulk', null, program(), 0)).toEqual({ ok: false, error: `You keep at most ${MAX_USER_DASHBOARDS} dashboards; delete one first.` });
  });
});
