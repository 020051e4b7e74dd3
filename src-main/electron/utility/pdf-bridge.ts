/**
 * The desktop app's PdfRenderer as the core sees it: each print document goes to the main process
 * (which draws it in a hidden window) and the answer comes back by its request id. Pure: the
 * process entry plugs in parentPort, so this runs and is tested under plain Node.
 */
import { errorMessage } from '../../../src-shared/errors.js';
import type { PdfRenderer } from '../../core/reports/pdf-renderer.js';
import { parsePdfAnswer, type PdfAsk } from '../common/pdf-protocol.js';

export interface PdfBridge {
  readonly renderer: PdfRenderer;
  /** A message from the main process: true when it was a PDF answer (taken), false to pass it on. */
  receive(message: unknown): boolean;
  /** Refuses every PDF still awaited (the core is closing). */
  close(): void;
}

interface Waiting {
  readonly resolve: (pdf: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

/** The bridge over a way to post to the main process. */
export function createPdfBridge(post: (message: PdfAsk) => void): PdfBridge {
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let closed = false;
  return {
    renderer: {
      render(html) {
        if (closed) return Promise.reject(new Error('the console is closing'));
        const requestId = nextId++;
        return new Promise<Uint8Array>((resolve, reject) => {
          waiting.set(requestId, { resolve, reject });
          try {
            post({ kind: 'pdf-render', requestId, html });
          } catch (error) {
            waiting.delete(requestId);
            reject(new Error(`the desktop app could not be asked to draw it: ${errorMessage(error)}`));
          }
        });
      },
    },
    receive(message) {
      const answer = parsePdfAnswer(message);
      if (answer === null) return false;
      const call = waiting.get(answer.requestId);
      waiting.delete(answer.requestId);
      if (answer.kind === 'pdf-rendered') call?.resolve(answer.pdf);
      else call?.reject(new Error(answer.error));
      return true;
    },
    close() {
      closed = true;
      for (const call of waiting.values()) call.reject(new Error('the console is closing'));
      waiting.clear();
    },
  };
}
