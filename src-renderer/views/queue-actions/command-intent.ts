/**
 * One command id per user intent. The id is the core's idempotency key: a retry of the same
 * change (after a timeout, a lost link, a refusal) reuses it so the change applies at most once;
 * a different change, or the same change once it succeeded, is a new intent with a new id.
 */

export type IntentState = 'pending' | 'failed' | 'succeeded';

export interface CommandIntent {
  /** Canonical JSON of the command: equal commands are the same intent. */
  readonly key: string;
  readonly commandId: string;
  readonly state: IntentState;
}

/** JSON with object keys sorted, so two equal commands built in a different order give one key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The intent for sending `command` now, given the previous one: the same id while the same
 * command has not succeeded yet (a retry), otherwise a fresh id from `newId`.
 */
export function beginIntent(previous: CommandIntent | null, command: unknown, newId: () => string): CommandIntent {
  const key = canonicalJson(command);
  if (previous !== null && previous.key === key && previous.state !== 'succeeded') return { key, commandId: previous.commandId, state: 'pending' };
  return { key, commandId: newId(), state: 'pending' };
}

/** Records the answer to an intent. */
export function settleIntent(intent: CommandIntent, succeeded: boolean): CommandIntent {
  return { ...intent, state: succeeded ? 'succeeded' : 'failed' };
}
