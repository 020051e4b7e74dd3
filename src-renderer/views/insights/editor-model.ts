/**
 * Editing a custom dashboard as a value: a new dashboard, a copy, a widget added, changed or
 * removed, and the check before saving, which names the field at fault ("widgets.2.title: …")
 * the way an import refusal does. Pure.
 */
import { dashboardDocumentSchema, DASHBOARD_DOCUMENT_VERSION, type DashboardDocument, type Widget } from '../../../src-shared/api/insights.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';

/** A widget id not used yet in the document. */
export function nextWidgetId(widgets: readonly Pick<Widget, 'id'>[]): string {
  const used = new Set(widgets.map((widget) => widget.id));
  let number = widgets.length + 1;
  while (used.has(`w${number}`)) number += 1;
  return `w${number}`;
}

/** A widget to start from: offered per day as a line, half the width. */
export function newWidget(widgets: readonly Pick<Widget, 'id'>[], title: string): Widget {
  return { id: nextWidgetId(widgets), title, metrics: ['offered'], dimension: 'interval', split: null, chart: 'line', filters: {}, limit: 20, sort: 'descending', width: 6, height: 1 };
}

/** A new dashboard with one widget. */
export function newDocument(name: string, widgetTitle: string): DashboardDocument {
  return {
    format: 'floorwatch.dashboard',
    version: DASHBOARD_DOCUMENT_VERSION,
    name,
    notes: '',
    defaults: { range: { preset: 'last7Days' }, interval: 'day', timeZone: null, compare: true },
    filters: {},
    widgets: [newWidget([], widgetTitle)],
  };
}

/** A copy of a dashboard (built-in or own) under a new name. */
export function copyDocument(document: DashboardDocument, name: string): DashboardDocument {
  return { ...document, name: name.slice(0, 120) };
}

/** The document with one widget changed. */
export function withWidget(document: DashboardDocument, index: number, change: Partial<Widget>): DashboardDocument {
  return { ...document, widgets: document.widgets.map((widget, position) => (position === index ? { ...widget, ...change } : widget)) };
}

/** The document without one widget. */
export function withoutWidget(document: DashboardDocument, index: number): DashboardDocument {
  return { ...document, widgets: document.widgets.filter((_, position) => position !== index) };
}

/** The document checked as the core will check it; a refusal names the first field at fault. */
export function checkedDocument(document: DashboardDocument): Result<DashboardDocument> {
  const parsed = dashboardDocumentSchema.safeParse(document);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail(issue === undefined ? 'The dashboard is not valid.' : `${issue.path.join('.') || '(document)'}: ${issue.message}`);
}
