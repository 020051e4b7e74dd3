/**
 * The text of anything thrown or rejected. IPC and the feed carry only an error's message, so this
 * is what the renderer shows or records; a thrown non-Error (a string, a number) reads as itself.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
