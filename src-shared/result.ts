/** A value or an error message: the only shape that crosses a process boundary (IPC keeps only messages). */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly code?: RefusalCode };

/**
 * Why a request was refused, when a program should tell: `forbidden` when the session's role or
 * queue scope does not allow it (the same word the feed uses, docs/protocol.md); `superseded` when a
 * newer request of the same kind from the same connection replaced it (the UI shows nothing: the
 * newer answer follows); absent for bad input and failures.
 */
export type RefusalCode = 'forbidden' | 'superseded';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): Result<T> {
  return { ok: false, error };
}

/** A refusal because the session's role or scope does not allow the request; the message says which. */
export function forbidden<T = never>(error: string): Result<T> {
  return { ok: false, error, code: 'forbidden' };
}

/** A refusal because a newer request of the same kind replaced this one; not an error to show. */
export function superseded<T = never>(error: string): Result<T> {
  return { ok: false, error, code: 'superseded' };
}

/** Ends an exhaustive switch over a discriminated union; a new member becomes a compile error. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
