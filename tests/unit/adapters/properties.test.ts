/**
 * Properties every adapter holds whatever it is given: the same records in the same order give
 * the same canonical events (no clock, no randomness, ids from the input), whatever is given
 * never stops the run, and every event given passes the canonical schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventProblem } from '../../../src-main/adapters/adapter.js';
import type { AdaptSource } from '../../../src-main/adapters/run.js';
import { adaptAll } from '../../../src-main/adapters/run.js';
import { readRecords } from '../../../src-main/adapters/record-reader.js';
import { fixtureText } from './fixtures.js';

const FIXTURES: Readonly<Record<AdaptSource, readonly string[]>> = {
  'amazon-connect': ['agent-shift.jsonl', 'contact-events.jsonl', 'malformed.jsonl', 'sample-heart-beat.json', 'sample-heart-beat-available.json'],
  genesys: ['notifications.jsonl', 'eventbridge.json', 'queue-conversations.jsonl', 'malformed.jsonl'],
  twilio: ['event-callbacks.jsonl', 'event-streams.json', 'malformed.jsonl'],
};

/** Every record of a platform's fixtures, as JSON text (a line that is not JSON stays as it is). */
function recordLines(source: AdaptSource): string[] {
  return FIXTURES[source].flatMap((name) => [...readRecords(fixtureText(source, name))].map((item) => (item.kind === 'record' ? JSON.stringify(item.record) : '{"broken":')));
}

/** A stream of records: the fixtures' records picked, repeated and reordered, with arbitrary JSON among them. */
function stream(source: AdaptSource): fc.Arbitrary<string> {
  const lines = recordLines(source);
  const junk = fc.oneof(fc.json(), fc.string().map((text) => text.replace(/\n/gu, ' ')));
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...lines) }, { weight: 1, arbitrary: junk }), { maxLength: 40 }).map((picked) => picked.join('\n'));
}

describe.each(Object.keys(FIXTURES) as AdaptSource[])('the %s adapter', (source) => {
  it('gives the same canonical events when the same input is replayed', () => {
    fc.assert(
      fc.property(stream(source), (text) => {
        const first = adaptAll(source, text);
        const second = adaptAll(source, text);
        expect(second.events).toEqual(first.events);
        expect(second.skipped).toEqual(first.skipped);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws and gives only events that pass the canonical schema', () => {
    fc.assert(
      fc.property(stream(source), (text) => {
        const { events, tally } = adaptAll(source, text);
        for (const event of events) expect(eventProblem(event)).toBeNull();
        expect(tally.events).toBe(events.length);
      }),
      { numRuns: 150 },
    );
  });
});
