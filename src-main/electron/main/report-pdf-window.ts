/**
 * Draws a report's print document as a PDF in the desktop app (docs/decisions/0045): a hidden
 * window of its own, sandboxed, without Node, preload or JavaScript, in an in-memory session that
 * may load nothing but the document's data: URL; navigation and new windows refused; then
 * webContents.printToPDF, and the window is destroyed whatever happens. Thin glue: what the
 * document holds and how it may be drawn is decided in the core (report-print.ts).
 */
import { BrowserWindow, session } from 'electron';

const PDF_PARTITION = 'floorwatch-report-pdf';
const RENDER_TIMEOUT_MS = 45_000;

/** The PDF's page: A4 landscape, backgrounds printed, the document's own margins (its @page rule). */
const REPORT_PDF_OPTIONS = { landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true } as const;

function pdfSession(): Electron.Session {
  const pdf = session.fromPartition(PDF_PARTITION, { cache: false });
  // After the app's hardening (session-created): this session loads the document and nothing else.
  pdf.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:text/html') }));
  return pdf;
}

/** The PDF of one print document. */
export async function renderReportPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, nodeIntegration: false, contextIsolation: true, javascript: false, webviewTag: false, spellcheck: false, session: pdfSession() },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  let timer: NodeJS.Timeout | undefined;
  try {
    const drawn = (async () => {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return new Uint8Array(await window.webContents.printToPDF(REPORT_PDF_OPTIONS));
    })();
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the desktop app did not finish drawing it within ${RENDER_TIMEOUT_MS / 1000} s`)), RENDER_TIMEOUT_MS);
    });
    return await Promise.race([drawn, timeout]);
  } finally {
    clearTimeout(timer);
    window.destroy();
  }
}
