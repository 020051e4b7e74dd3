/**
 * Files the Insights view writes and reads besides exports: a dashboard document saved as
 * `<name>.floorwatch-dashboard.json` to share, and the bytes of a base64 export piece.
 */
import type { DashboardDocument } from '../../../src-shared/api/insights.js';
import { safeFileName, saveTextFile } from '../../client/export-file.js';

/** The file name a shared dashboard gets: its name, safe on every desktop. */
export function dashboardFileName(name: string): string {
  return `${safeFileName(name, 'dashboard')}.floorwatch-dashboard.json`;
}

/** The document as the file holds it: indented, so a person can read and diff it. */
export function dashboardFileText(document: DashboardDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Saves a dashboard's document to share it. */
export function saveDashboardFile(document: DashboardDocument): void {
  saveTextFile([dashboardFileText(document)], dashboardFileName(document.name), 'application/json');
}
