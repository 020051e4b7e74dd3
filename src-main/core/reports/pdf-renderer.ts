/**
 * The port a report draws its PDF through (docs/decisions/0045-report-pdf-renderer.md): a print
 * document (report-print.ts) in, the PDF's bytes out. The host gives the core one: the desktop app
 * draws in a hidden, sandboxed window of its own (src-main/electron/main/report-pdf-window.ts);
 * the plain-Node host asks a headless Chromium found on the machine (src-main/host/chromium-pdf.ts).
 * A renderer that cannot draw rejects with the reason in words; the report is then sent without
 * its PDF and says why.
 */

export interface PdfRenderer {
  /** Renders a self-contained HTML document (no script, no request) as an A4 landscape PDF. */
  render(html: string): Promise<Uint8Array>;
}

/** The longest a report waits for its PDF before it is sent without it. */
export const PDF_RENDER_TIMEOUT_MS = 60_000;

/** A renderer for a console that has none: every PDF is refused with `reason`. */
export function unavailablePdfRenderer(reason: string): PdfRenderer {
  return { render: () => Promise.reject(new Error(reason)) };
}

/** Whether bytes are a PDF file (its header), so a renderer that wrote something else is caught. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length > 8 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}
