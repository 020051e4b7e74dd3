/**
 * The dashboard's "PDF" action: in the desktop app the shell saves the page as an A4 landscape PDF
 * (window.floorwatch.desktop.printToPdf, Electron's printToPDF); in a browser, or a shell without
 * the bridge, the browser's print dialog prints it with the print stylesheet (Save as PDF there).
 */
import type { PdfOutcome, PdfRequest } from '../../../src-shared/api/desktop.js';

/** How the action ended: the shell's outcome, or handed to the browser's print dialog. */
export type PrintOutcome = PdfOutcome | { readonly state: 'printDialog' };

type PrintToPdf = (request: PdfRequest) => Promise<PdfOutcome>;

/** The shell's PDF call, when this page runs in a desktop app that offers it. */
export function findPrintToPdf(scope: object): PrintToPdf | null {
  const bridge: unknown = (scope as { floorwatch?: unknown }).floorwatch;
  if (typeof bridge !== 'object' || bridge === null) return null;
  const desktop: unknown = (bridge as { desktop?: unknown }).desktop;
  if (typeof desktop !== 'object' || desktop === null) return null;
  const printToPdf: unknown = (desktop as { printToPdf?: unknown }).printToPdf;
  return typeof printToPdf === 'function' ? (request) => (printToPdf as PrintToPdf).call(desktop, request) : null;
}

/** Saves the dashboard as PDF through the shell when it can, else opens the print dialog. */
export async function printDashboard(scope: object, dashboardName: string, openPrintDialog: () => void): Promise<PrintOutcome> {
  const printToPdf = findPrintToPdf(scope);
  if (printToPdf === null) {
    openPrintDialog();
    return { state: 'printDialog' };
  }
  try {
    return await printToPdf({ suggestedName: dashboardName });
  } catch (error) {
    return { state: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
