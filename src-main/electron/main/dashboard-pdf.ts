/**
 * Saving a dashboard as a PDF in the desktop app, as pure choices the thin handler in main.ts
 * applies: the request a window may send, the file name the save dialog suggests, and the page
 * Electron's printToPDF draws (A4 landscape, backgrounds, the page's print stylesheet).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { PdfRequest } from '../../../src-shared/api/desktop.js';

const pdfRequestSchema = z.strictObject({ suggestedName: z.string().max(200) });

/** Validates what a window asks for: one short name, nothing else. */
export function validatePdfRequest(payload: unknown): Result<PdfRequest> {
  const checked = pdfRequestSchema.safeParse(payload);
  return checked.success ? ok(checked.data) : fail('Refused: a PDF request carries only a suggested name of at most 200 characters.');
}

/** "Floorwatch - Program 2026-03-29.pdf": a name every desktop accepts, from the dashboard's name and the day. */
export function pdfFileName(suggestedName: string, day: string): string {
  const cleaned = suggestedName.replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, ' ').replace(/^[.\s]+/u, '').replace(/\s+/gu, ' ').trim().slice(0, 120);
  return `Floorwatch - ${cleaned || 'Dashboard'} ${day}.pdf`;
}

/** What webContents.printToPDF is asked: A4 landscape, with backgrounds, margins in inches. */
export function dashboardPdfOptions(): { readonly landscape: true; readonly pageSize: 'A4'; readonly printBackground: true; readonly preferCSSPageSize: false; readonly margins: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number } } {
  return { landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: false, margins: { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 } };
}

/** The save dialog's choices: the suggested path and a PDF filter. */
export function pdfSaveDialogOptions(directory: string, fileName: string): { readonly title: string; readonly defaultPath: string; readonly filters: { name: string; extensions: string[] }[] } {
  return { title: 'Save the dashboard as PDF', defaultPath: join(directory, fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
}
