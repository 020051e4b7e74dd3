/**
 * What every platform adapter is (docs/adapters.md): a mapper, made once per stream, that turns
 * one of a platform's own records into canonical events (docs/protocol.md), and the one loop that
 * drives it. A record that cannot be mapped is skipped with a reason and the stream goes on; a
 * record of a kind the adapter does not know is ignored; every event produced is checked against
 * the canonical schema before it leaves.
 *
 * Events leave without `seq`: the publisher of a stream numbers them (docs/protocol.md, "Streams,
 * sequence numbers, epochs"). Mapping is deterministic: the same records in the same order give the
 * same events, with ids and times taken from the records, never from a clock or a random source.
 */
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { floorEventSchema } from '../../src-shared/protocol/events.js';
import { errorMessage } from '../../src-shared/errors.js';

/** Why a record was skipped; docs/adapters.md, "Skipped records", says what each means. */
export type SkipReason =
  | 'not_json'
  | 'not_an_object'
  | 'unrecognised_record'
  | 'missing_field'
  | 'bad_time'
  | 'unsupported_channel'
  | 'unknown_queue'
  | 'invalid_event'
  | 'mapping_error';

/** The team of an agent the platform puts in no team: the protocol needs a team id. */
export const NO_TEAM_ID = 'no-team';

/** What one record came to. */
export type MapOutcome =
  | { readonly kind: 'mapped'; readonly events: readonly FloorEventInput[] }
  | { readonly kind: 'ignored'; readonly recordKind: string }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly detail: string };

/** A platform's mapper for one stream: it may remember what earlier records said (an agent's queues, a task's queue). */
export interface PlatformAdapter {
  map(record: unknown): MapOutcome;
}

/** Thrown inside a mapping to skip the record; `skip` below builds the outcome instead where that reads better. */
export class SkipRecord extends Error {
  constructor(
    readonly reason: SkipReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'SkipRecord';
  }
}

export function mapped(...events: FloorEventInput[]): MapOutcome {
  return { kind: 'mapped', events };
}

export function ignored(recordKind: string): MapOutcome {
  return { kind: 'ignored', recordKind };
}

export function skip(reason: SkipReason, detail: string): MapOutcome {
  return { kind: 'skipped', reason, detail };
}

/** Why a canonical event fails the protocol's schema, or null when it passes (`seq` is the publisher's, so any valid one is lent for the check). */
export function eventProblem(event: FloorEventInput): string | null {
  const result = floorEventSchema.safeParse({ ...event, seq: 1 });
  if (result.success) return null;
  return result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Maps one record and checks what came out: an event that fails the canonical schema makes the
 * whole record skipped (`invalid_event`), so a consumer never sees half of a record; an error
 * thrown by the mapping (a record shaped in a way nobody foresaw) skips the record too.
 */
export function mapRecord(adapter: PlatformAdapter, record: unknown): MapOutcome {
  let outcome: MapOutcome;
  try {
    outcome = adapter.map(record);
  } catch (error) {
    if (error instanceof SkipRecord) return skip(error.reason, error.detail);
    return skip('mapping_error', errorMessage(error));
  }
  if (outcome.kind !== 'mapped') return outcome;
  for (const event of outcome.events) {
    const problem = eventProblem(event);
    if (problem !== null) return skip('invalid_event', `${event.type}: ${problem}`);
  }
  return outcome;
}

/** Counts of one run, for the summary line. */
export interface AdaptTally {
  records: number;
  events: number;
  readonly skipped: Map<SkipReason, number>;
  readonly ignored: Map<string, number>;
}

export function emptyTally(): AdaptTally {
  return { records: 0, events: 0, skipped: new Map(), ignored: new Map() };
}

/** Adds one record's outcome to the tally. */
export function countOutcome(tally: AdaptTally, outcome: MapOutcome): void {
  tally.records += 1;
  if (outcome.kind === 'mapped') tally.events += outcome.events.length;
  else if (outcome.kind === 'skipped') tally.skipped.set(outcome.reason, (tally.skipped.get(outcome.reason) ?? 0) + 1);
  else tally.ignored.set(outcome.recordKind, (tally.ignored.get(outcome.recordKind) ?? 0) + 1);
}

/** "12 records, 20 events, 2 skipped (not_json 1, missing_field 1), 3 ignored (HEART_BEAT 3)". */
export function tallyLine(tally: AdaptTally): string {
  const list = (counts: ReadonlyMap<string, number>): string =>
    counts.size === 0 ? '' : ` (${[...counts].sort(([left], [right]) => left.localeCompare(right)).map(([name, count]) => `${name} ${count}`).join(', ')})`;
  const sum = (counts: ReadonlyMap<string, number>): number => [...counts.values()].reduce((total, count) => total + count, 0);
  return `${tally.records} records, ${tally.events} events, ${sum(tally.skipped)} skipped${list(tally.skipped)}, ${sum(tally.ignored)} ignored${list(tally.ignored)}`;
}
