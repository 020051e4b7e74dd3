/**
 * One run of an adapter over a text: the records read (record-reader.ts), each mapped by a fresh
 * adapter of the chosen platform (adapter.ts), the events and the skipped records handed to the
 * caller in input order, and the counts. The command line (cli.ts) and the tests share it.
 */
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import type { AdaptTally, PlatformAdapter, SkipReason } from './adapter.js';
import { countOutcome, emptyTally, mapRecord } from './adapter.js';
import { createAmazonConnectAdapter } from './amazon-connect.js';
import { createGenesysAdapter } from './genesys.js';
import { readRecords } from './record-reader.js';
import { createTwilioAdapter } from './twilio.js';
import type { ADAPT_SOURCES } from '../cli/programs.js';

export type AdaptSource = (typeof ADAPT_SOURCES)[number];

/** A fresh adapter for one stream of the platform's records. */
export function createAdapter(source: AdaptSource): PlatformAdapter {
  switch (source) {
    case 'amazon-connect':
      return createAmazonConnectAdapter();
    case 'genesys':
      return createGenesysAdapter();
    case 'twilio':
      return createTwilioAdapter();
  }
}

export interface AdaptSink {
  event(event: FloorEventInput): void;
  skipped(where: string, reason: SkipReason, detail: string): void;
}

/** Maps every record of `text` in order; never throws for what the text holds. */
export function adaptText(source: AdaptSource, text: string, sink: AdaptSink): AdaptTally {
  const adapter = createAdapter(source);
  const tally = emptyTally();
  for (const item of readRecords(text)) {
    if (item.kind === 'not_json') {
      countOutcome(tally, { kind: 'skipped', reason: 'not_json', detail: item.detail });
      sink.skipped(item.where, 'not_json', item.detail);
      continue;
    }
    const outcome = mapRecord(adapter, item.record);
    countOutcome(tally, outcome);
    if (outcome.kind === 'mapped') for (const event of outcome.events) sink.event(event);
    else if (outcome.kind === 'skipped') sink.skipped(item.where, outcome.reason, outcome.detail);
  }
  return tally;
}

/** Everything a run produced, collected: for tests and for callers that want the whole answer. */
export function adaptAll(source: AdaptSource, text: string): { events: FloorEventInput[]; skipped: { where: string; reason: SkipReason; detail: string }[]; tally: AdaptTally } {
  const events: FloorEventInput[] = [];
  const skipped: { where: string; reason: SkipReason; detail: string }[] = [];
  const tally = adaptText(source, text, { event: (event) => events.push(event), skipped: (where, reason, detail) => skipped.push({ where, reason, detail }) });
  return { events, skipped, tally };
}
