/**
 * The messages by which the core's utility process has a report's PDF drawn by the main process
 * (docs/decisions/0045-report-pdf-renderer.md): the core asks with a print document, main answers
 * with the PDF's bytes or why not. Kept apart from the API traffic of core-process-protocol.ts:
 * each side takes these first and passes anything else on.
 */
import { z } from 'zod';

/** A print document is a few hundred kilobytes at most; anything larger is refused. */
export const MAX_PRINT_DOCUMENT_CHARS = 8_000_000;

export type PdfAsk = { readonly kind: 'pdf-render'; readonly requestId: number; readonly html: string };

export type PdfAnswer =
  | { readonly kind: 'pdf-rendered'; readonly requestId: number; readonly pdf: Uint8Array }
  | { readonly kind: 'pdf-failed'; readonly requestId: number; readonly error: string };

const requestId = z.number().int().nonnegative();

const askSchema = z.strictObject({ kind: z.literal('pdf-render'), requestId, html: z.string().max(MAX_PRINT_DOCUMENT_CHARS) });

const answerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pdf-rendered'), requestId, pdf: z.instanceof(Uint8Array) }),
  z.strictObject({ kind: z.literal('pdf-failed'), requestId, error: z.string().max(2000) }),
]);

/** Reads a message from the core process as a PDF request; null for anything else. */
export function parsePdfAsk(message: unknown): PdfAsk | null {
  const checked = askSchema.safeParse(message);
  return checked.success ? checked.data : null;
}

/** Reads a message from the main process as a PDF answer; null for anything else. */
export function parsePdfAnswer(message: unknown): PdfAnswer | null {
  const checked = answerSchema.safeParse(message);
  return checked.success ? checked.data : null;
}
