/**
 * Getting a finished export out of the core and onto disk (the Conversation Manager's downloads
 * and the Insights exports). The file travels in pieces
 * (history.export.chunk) so no single message is large; the pieces become a Blob that a
 * `<a download>` saves, which works the same in a browser and in Electron.
 */
import type { HistoryQueryResults } from '../../src-shared/api/history.js';
import { fail, ok, type Result } from '../../src-shared/result.js';

type Chunk = HistoryQueryResults['history.export.chunk'];

/** Asks for one piece of the file at an offset. */
export type ChunkReader = (offset: number) => Promise<Result<Chunk>>;

/** Most pieces one file may take; a core that never says "end" must not keep us looping. */
const MAX_CHUNKS = 100_000;

/**
 * Reads every piece of an export in order. Stops with the core's message on a refusal, and with
 * an error when the core's offsets do not move forward (it would otherwise loop forever).
 */
export async function readExportFile(read: ChunkReader, onProgress?: (received: number, size: number) => void): Promise<Result<readonly string[]>> {
  const parts: string[] = [];
  let offset = 0;
  for (let count = 0; count < MAX_CHUNKS; count++) {
    const result = await read(offset);
    if (!result.ok) return fail(result.error);
    const chunk = result.value;
    parts.push(chunk.data);
    onProgress?.(chunk.nextOffset ?? chunk.size, chunk.size);
    if (chunk.nextOffset === null) return ok(parts);
    if (chunk.nextOffset <= offset) return fail('The export could not be read: the file did not advance.');
    offset = chunk.nextOffset;
  }
  return fail('The export could not be read: too many pieces.');
}

/** A file name safe on every desktop: no path separators or characters Windows refuses. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/^[.\s-]+/, '').trim();
  return cleaned.length > 0 ? cleaned.slice(0, 180) : fallback;
}

/** Saves text (or bytes) as a file through a temporary object URL, released once the click has been handled. */
export function saveTextFile(parts: readonly BlobPart[], fileName: string, mimeType: string): void {
  const blob = new Blob([...parts], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has taken its own reference by the next task; revoking at once can cancel it in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The bytes of one base64 piece (each piece of a binary export is encoded on its own). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
