/**
 * Reading and writing the dashboard document: the JSON file a user shares a custom dashboard with
 * (docs/insights.md, "The dashboard document"). Shared so the console explains a refusal before
 * sending and the core refuses the same documents for the same reasons.
 *
 * A refusal names where the problem is (`widgets[2].metrics[0]`) and says what is wrong in a
 * sentence. A document from an older version is upgraded step by step through UPGRADES; one from a
 * newer version is refused as such, since the person importing needs a newer console, not a fixed
 * file.
 */
import { DASHBOARD_DOCUMENT_VERSION, dashboardDocumentSchema, type DashboardDocument } from '../api/insights.js';
import { errorMessage } from '../errors.js';

export const DASHBOARD_DOCUMENT_FORMAT = 'floorwatch.dashboard';

export type DashboardDocumentParse =
  | { readonly ok: true; readonly document: DashboardDocument }
  | { readonly ok: false; readonly path: string; readonly reason: string };

/**
 * How a document of version N becomes one of version N + 1, keyed by N. Version 1 is the first; a
 * version with no step here was never written by Floorwatch and is refused.
 *
 * 1 → 2: version 2 added optional things only (a widget's `sort`, default `descending` as every
 * version 1 widget was drawn, and the `escalationReason` dimension), so a version 1 document reads
 * unchanged.
 */
export const DASHBOARD_DOCUMENT_UPGRADES: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>> = {
  1: (document) => document,
};

/** `["widgets", 2, "metrics", 0]` → `widgets[2].metrics[0]`; the root is "document". */
export function documentPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? 'document' : text;
}

function refuse(path: string, reason: string): DashboardDocumentParse {
  return { ok: false, path, reason };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/u.test(capital) ? capital : `${capital}.`;
}

/** Upgrades an older document to the current version, or says why it cannot. */
function upgrade(document: Record<string, unknown>, version: number): { readonly upgraded: Record<string, unknown> } | { readonly refusal: DashboardDocumentParse } {
  let current = document;
  for (let step = version; step < DASHBOARD_DOCUMENT_VERSION; step += 1) {
    const next = DASHBOARD_DOCUMENT_UPGRADES[step];
    if (!next) return { refusal: refuse('version', `Version ${version} is not a version of the dashboard document Floorwatch ever wrote (the first is 1).`) };
    current = { ...next(current), version: step + 1 };
  }
  return { upgraded: current };
}

/**
 * Reads a dashboard document's text: the document (upgraded to the current version), or where and
 * why it is refused.
 */
export function parseDashboardDocument(text: string): DashboardDocumentParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse('document', `The file is not JSON: ${errorMessage(error)}.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse('document', 'A dashboard document is a JSON object.');
  const header = json as Record<string, unknown>;
  if (header.format !== DASHBOARD_DOCUMENT_FORMAT) {
    return refuse('format', `This is not a dashboard document: "format" must be "${DASHBOARD_DOCUMENT_FORMAT}".`);
  }
  const version = header.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return refuse('version', 'The version must be a whole number.');
  if (version > DASHBOARD_DOCUMENT_VERSION) {
    return refuse(
      'version',
      `This dashboard was made by a newer Floorwatch (document version ${version}; this console reads up to ${DASHBOARD_DOCUMENT_VERSION}). Update Floorwatch to import it.`,
    );
  }
  const upgrading = upgrade(header, version);
  if ('refusal' in upgrading) return upgrading.refusal;
  const parsed = dashboardDocumentSchema.safeParse(upgrading.upgraded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return refuse('document', 'The document is invalid.');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    // An unknown field is named by its own path, so the user finds it as they find any other.
    const path = keys.length > 0 ? [...issue.path, keys[0] as string] : issue.path;
    return refuse(documentPath(path), sentence(issue.message));
  }
  const widgetIds = new Set<string>();
  for (const [index, widget] of parsed.data.widgets.entries()) {
    if (widgetIds.has(widget.id)) return refuse(`widgets[${index}].id`, `Another widget already has the id "${widget.id}"; each widget needs its own.`);
    widgetIds.add(widget.id);
  }
  return { ok: true, document: parsed.data };
}

/**
 * Writes a document as shared files hold it: pretty, with every default filled in, fields in the
 * schema's order, ending in a newline, so two exports of one dashboard are byte for byte the same.
 */
export function serializeDashboardDocument(document: DashboardDocument): string {
  // Parsing rebuilds every object in the schema's field order and fills the defaults in.
  return `${JSON.stringify(dashboardDocumentSchema.parse(document), null, 2)}\n`;
}
