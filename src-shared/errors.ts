/**
 * The message of anything thrown, for a log line or an answer to the user: an Error's message,
 * anything else as text. Written once so every layer reports a failure the same way.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
