/** Errors the store throws on purpose; each says what happened and what the caller can do. */

/**
 * The database was written by a newer Floorwatch. Opening it would let old code misread or damage
 * newer tables, so the store refuses and leaves the file untouched.
 */
export class DatabaseFromFutureError extends Error {
  override readonly name = 'DatabaseFromFutureError';

  constructor(
    readonly path: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The database at ${path} has schema version ${foundVersion}, newer than this version of Floorwatch understands (${knownVersion}). ` +
        'Update Floorwatch, or point it at another data directory.',
    );
  }
}

/** The startup integrity check failed; the store moves the file aside and starts fresh. */
export class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';

  constructor(readonly details: string) {
    super(`The database failed its integrity check: ${details}`);
  }
}

/**
 * A batch could not be committed; nothing of it was written and the stream position did not move.
 *
 * `failedSeq` names the event being written when the error happened, and `eventAttributable` says
 * whether the error comes from that event's content (a constraint, a type) rather than from the
 * environment (disk full, I/O, lock). An attributable failure repeats on every retry, so the
 * caller should retry without that event (see ingestWithQuarantine); any other failure is worth
 * retrying as is, later.
 */
export class IngestBatchError extends Error {
  override readonly name = 'IngestBatchError';

  constructor(
    readonly stream: string,
    /** Seq of the event being written; null when the failure came after the events (rejects, position, commit) or the event had no readable seq. */
    readonly failedSeq: number | null,
    /** Index of that event in the batch's (or snapshot's) `events`; null for an unknown-type event or none. */
    readonly failedIndex: number | null,
    readonly eventAttributable: boolean,
    override readonly cause: unknown,
  ) {
    super(`Ingest of a ${stream} batch failed${failedSeq === null ? '' : ` at seq ${failedSeq}`}: ${describeError(cause)}`);
  }
}

/** The message of anything thrown, for logs and reject records. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** SQLite result codes that come from a row's content, so the same row fails again on retry. */
const CONTENT_ERROR_CODES: ReadonlySet<string> = new Set(['SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE']);

/** Whether an error thrown while writing one event is caused by that event rather than the environment. */
export function isContentError(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || CONTENT_ERROR_CODES.has(code);
}
