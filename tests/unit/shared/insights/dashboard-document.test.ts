import { describe, expect, it } from 'vitest';
import { DASHBOARD_DOCUMENT_VERSION } from '../../../../src-shared/api/insights.js';
import { BUILT_IN_DASHBOARDS } from '../../../../src-shared/insights/built-in-dashboards.js';
import {
  DASHBOARD_DOCUMENT_UPGRADES,
  documentPath,
  parseDashboardDocument,
  serializeDashboardDocument,
} from '../../../../src-shared/insights/dashboard-document.js';

const minimal = {
  format: 'floorwatch.dashboard',
  version: 1,
  name: 'Mine',
  widgets: [{ id: 'w1', title: 'Offered', metrics: ['offered'], dimension: 'interval', chart: 'line' }],
};

function refusal(value: unknown): { path: string; reason: string } {
  const parsed = parseDashboardDocument(typeof value === 'string' ? value : JSON.stringify(value));
  if (parsed.ok) throw new Error('expected a refusal');
  return { path: parsed.path, reason: parsed.reason };
}

describe('dashboard document', () => {
  it('reads a minimal document and fills in the defaults', () => {
    const parsed = parseDashboardDocument(JSON.stringify(minimal));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.document.defaults).toEqual({ range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true });
    expect(parsed.document.widgets[0]).toMatchObject({ split: null, filters: {}, limit: 20, width: 6, height: 1 });
    expect(parsed.document.notes).toBe('');
  });

  it('refuses text that is not JSON, or not an object', () => {
    expect(refusal('{"format":')).toMatchObject({ path: 'document', reason: expect.stringMatching(/^The file is not JSON: .+\.$/) });
    expect(refusal('[1, 2]')).toEqual({ path: 'document', reason: 'A dashboard document is a JSON object.' });
  });

  it('refuses another kind of document by its format', () => {
    expect(refusal({ ...minimal, format: 'floorwatch.board' })).toEqual({ path: 'format', reason: expect.stringContaining('not a dashboard document') });
  });

  it('refuses a document made by a newer Floorwatch', () => {
    const refused = refusal({ ...minimal, version: DASHBOARD_DOCUMENT_VERSION + 1 });
    expect(refused.path).toBe('version');
    expect(refused.reason).toContain('made by a newer Floorwatch');
  });

  it('refuses a version no Floorwatch wrote, since no upgrade leads from it', () => {
    expect(Object.keys(DASHBOARD_DOCUMENT_UPGRADES)).toEqual(['1']);
    expect(refusal({ ...minimal, version: 0 })).toEqual({ path: 'version', reason: expect.stringContaining('not a version of the dashboard document') });
    expect(refusal({ ...minimal, version: 1.5 })).toEqual({ path: 'version', reason: 'The version must be a whole number.' });
    expect(refusal({ ...minimal, version: '1' }).path).toBe('version');
  });

  it('names the path of a wrong field and says what is wrong in a sentence', () => {
    const widgets = [minimal.widgets[0], { ...minimal.widgets[0], id: 'w2' }, { ...minimal.widgets[0], id: 'w3', metrics: ['offered', 'happiness'] }];
    const refused = refusal({ ...minimal, widgets });
    expect(refused.path).toBe('widgets[2].metrics[1]');
    expect(refused.reason).toMatch(/^[A-Z].+\.$/);
    expect(refusal({ ...minimal, defaults: { range: { from: '2026-12-03', to: '2026-12-01' } } })).toMatchObject({ path: 'defaults.range' });
    expect(refusal({ ...minimal, widgets: [] }).path).toBe('widgets');
    expect(refusal({ ...minimal, name: '  ' }).path).toBe('name');
  });

  it('names an unknown field by its own path', () => {
    expect(refusal({ ...minimal, widgets: [{ ...minimal.widgets[0], colour: 'red' }] }).path).toBe('widgets[0].colour');
    expect(refusal({ ...minimal, owner: 'u-1' }).path).toBe('owner');
  });

  it('refuses two widgets with the same id', () => {
    expect(refusal({ ...minimal, widgets: [minimal.widgets[0], minimal.widgets[0]] })).toEqual({ path: 'widgets[1].id', reason: expect.stringContaining('"w1"') });
  });

  it('writes a stable, pretty text that reads back to the same document', () => {
    for (const { document } of BUILT_IN_DASHBOARDS) {
      const text = serializeDashboardDocument(document);
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toContain('\n  "format": "floorwatch.dashboard",\n  "version": 2,');
      const parsed = parseDashboardDocument(text);
      expect(parsed.ok && parsed.document).toEqual(document);
      if (parsed.ok) expect(serializeDashboardDocument(parsed.document)).toBe(text);
    }
    const shuffled = JSON.parse(JSON.stringify(minimal, ['widgets', 'chart', 'dimension', 'metrics', 'title', 'id', 'name', 'version', 'format'])) as typeof minimal;
    const fromShuffled = parseDashboardDocument(JSON.stringify(shuffled));
    const fromMinimal = parseDashboardDocument(JSON.stringify(minimal));
    expect(fromShuffled.ok && fromMinimal.ok && serializeDashboardDocument(fromShuffled.document) === serializeDashboardDocument(fromMinimal.document)).toBe(true);
  });

  it('upgrades a version 1 document: its widgets sort from the highest, as version 1 drew them', () => {
    const parsed = parseDashboardDocument(JSON.stringify(minimal));
    expect(parsed.ok && parsed.document.version).toBe(DASHBOARD_DOCUMENT_VERSION);
    expect(parsed.ok && parsed.document.widgets[0]?.sort).toBe('descending');
  });

  it('reads the ascending sort and the escalation reason dimension of version 2, and nothing else new', () => {
    const widget = { ...minimal.widgets[0], dimension: 'escalationReason', chart: 'table', sort: 'ascending' };
    const parsed = parseDashboardDocument(JSON.stringify({ ...minimal, version: 2, widgets: [widget] }));
    expect(parsed.ok && parsed.document.widgets[0]).toMatchObject({ dimension: 'escalationReason', sort: 'ascending' });
    expect(refusal({ ...minimal, version: 2, widgets: [{ ...widget, sort: 'up' }] }).path).toBe('widgets[0].sort');
  });

  it('writes paths the way a reader looks for them', () => {
    expect(documentPath([])).toBe('document');
    expect(documentPath(['widgets', 2, 'metrics', 0])).toBe('widgets[2].metrics[0]');
    expect(documentPath(['defaults', 'range', 'from'])).toBe('defaults.range.from');
  });
});
