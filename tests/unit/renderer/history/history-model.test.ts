import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TranscriptEntry } from '../../../../src-shared/api/transcript.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import {
  DEFAULT_SORT,
  ariaSort,
  backfillProgressText,
  buildFilters,
  buildSearch,
  cacheCountText,
  cacheInfoRefreshMs,
  cacheLastUpdate,
  chipNames,
  chipsOf,
  describeLastUpdate,
  emptyForm,
  entryBadges,
  formFromSearch,
  formatBytes,
  formatCount,
  nextSort,
  removeChip,
  splitSnippet,
  startOfZonedDate,
  type HistoryForm,
} from '../../../../src-renderer/views/history/history-model.js';

const NEW_YORK = 'America/New_York';

function form(patch: Partial<HistoryForm> = {}): HistoryForm {
  return { ...emptyForm(NEW_YORK), ...patch };
}

function filtersOf(value: HistoryForm) {
  const result = buildFilters(value);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function errorOf(value: HistoryForm): string {
  const result = buildFilters(value);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('startOfZonedDate', () => {
  it('is local midnight in the zone, not UTC midnight', () => {
    expect(startOfZonedDate('2025-01-15', NEW_YORK)).toBe(Date.UTC(2025, 0, 15, 5));
    expect(startOfZonedDate('2025-07-15', NEW_YORK)).toBe(Date.UTC(2025, 6, 15, 4));
    expect(startOfZonedDate('2025-07-15', 'Asia/Tokyo')).toBe(Date.UTC(2025, 6, 14, 15));
    expect(startOfZonedDate('2025-07-15', 'UTC')).toBe(Date.UTC(2025, 6, 15));
  });

  it('finds midnight on the days the clocks change', () => {
    // New York springs forward on 2025-03-09 and falls back on 2025-11-02, both at 02:00.
    expect(startOfZonedDate('2025-03-09', NEW_YORK)).toBe(Date.UTC(2025, 2, 9, 5));
    expect(startOfZonedDate('2025-03-10', NEW_YORK)).toBe(Date.UTC(2025, 2, 10, 4));
    expect(startOfZonedDate('2025-11-02', NEW_YORK)).toBe(Date.UTC(2025, 10, 2, 4));
    expect(startOfZonedDate('2025-11-03', NEW_YORK)).toBe(Date.UTC(2025, 10, 3, 5));
    // London changes at 01:00 UTC, so midnight is on either side of it.
    expect(startOfZonedDate('2025-03-30', 'Europe/London')).toBe(Date.UTC(2025, 2, 30, 0));
    expect(startOfZonedDate('2025-03-31', 'Europe/London')).toBe(Date.UTC(2025, 2, 30, 23));
  });

  it('refuses dates that do not exist or are not dates', () => {
    expect(startOfZonedDate('2025-02-30', NEW_YORK)).toBeNull();
    expect(startOfZonedDate('2025-13-01', NEW_YORK)).toBeNull();
    expect(startOfZonedDate('15/01/2025', NEW_YORK)).toBeNull();
    expect(startOfZonedDate('', NEW_YORK)).toBeNull();
  });
});

describe('buildFilters', () => {
  it('leaves out everything not filled in', () => {
    expect(filtersOf(form())).toEqual({});
    expect(filtersOf(form({ text: '   ', customer: ' ' }))).toEqual({});
  });

  it('turns a date range into whole days in the chosen zone', () => {
    const filters = filtersOf(form({ dateFrom: '2025-03-08', dateTo: '2025-03-09' }));
    expect(filters.createdAt).toEqual({ min: Date.UTC(2025, 2, 8, 5), max: Date.UTC(2025, 2, 10, 4) - 1 });
    const tokyo = filtersOf(form({ dateFrom: '2025-03-08', dateTo: '2025-03-08', timeZone: 'Asia/Tokyo' }));
    expect(tokyo.createdAt).toEqual({ min: Date.UTC(2025, 2, 7, 15), max: Date.UTC(2025, 2, 8, 15) - 1 });
  });

  it('accepts an open-ended date range', () => {
    expect(filtersOf(form({ dateFrom: '2025-01-01' })).createdAt).toEqual({ min: Date.UTC(2025, 0, 1, 5) });
    expect(filtersOf(form({ dateTo: '2025-01-01' })).createdAt).toEqual({ max: Date.UTC(2025, 0, 2, 5) - 1 });
  });

  it('refuses impossible dates and ranges with a message naming the field', () => {
    expect(errorOf(form({ dateFrom: '2025-02-30' }))).toMatch(/From date/);
    expect(errorOf(form({ dateTo: '2025-02-30' }))).toMatch(/To date/);
    expect(errorOf(form({ dateFrom: '2025-03-10', dateTo: '2025-03-09' }))).toMatch(/start is after the end/);
    expect(errorOf(form({ timeZone: 'Mars/Olympus' }))).toMatch(/time zone/);
  });

  it('converts minutes to seconds and keeps seconds as typed', () => {
    const filters = filtersOf(
      form({
        durations: {
          ...emptyForm(NEW_YORK).durations,
          handleTimeSec: { min: '2', max: '10', unit: 'min' },
          waitSec: { min: '', max: '45', unit: 'sec' },
          firstResponseSec: { min: '1.5', max: '', unit: 'min' },
        },
      }),
    );
    expect(filters.handleTimeSec).toEqual({ min: 120, max: 600 });
    expect(filters.waitSec).toEqual({ max: 45 });
    expect(filters.firstResponseSec).toEqual({ min: 90 });
    expect(filters.avgResponseSec).toBeUndefined();
  });

  it('refuses ranges that are upside down, negative or not numbers', () => {
    const durations = emptyForm(NEW_YORK).durations;
    expect(errorOf(form({ durations: { ...durations, waitSec: { min: '10', max: '5', unit: 'sec' } } }))).toBe('Wait: the lower bound is above the upper bound.');
    expect(errorOf(form({ durations: { ...durations, waitSec: { min: '-1', max: '', unit: 'sec' } } }))).toMatch(/^Wait: must be between/);
    expect(errorOf(form({ durations: { ...durations, handleTimeSec: { min: 'ten', max: '', unit: 'min' } } }))).toBe('Handle time: enter a number.');
    expect(errorOf(form({ csatMin: '5', csatMax: '2' }))).toBe('CSAT: the lower bound is above the upper bound.');
    expect(errorOf(form({ csatMin: '6' }))).toMatch(/^CSAT: must be between 1 and 5/);
    expect(errorOf(form({ csatMin: '3.5' }))).toBe('CSAT: enter a whole number.');
  });

  it('maps lists, CSAT, resolution and customer as given', () => {
    const filters = filtersOf(
      form({
        text: ' "late fee" ',
        queueIds: ['q-1', 'q-2'],
        agentIds: ['a-1'],
        teamIds: ['t-1'],
        channels: ['chat'],
        intents: ['Dispute a charge'],
        dispositions: ['resolved', 'escalated'],
        csatMin: '4',
        resolved: 'no',
        customer: ' ana@example.com ',
      }),
    );
    expect(filters).toEqual({
      text: '"late fee"',
      queueIds: ['q-1', 'q-2'],
      agentIds: ['a-1'],
      teamIds: ['t-1'],
      channels: ['chat'],
      intents: ['Dispute a charge'],
      dispositions: ['resolved', 'escalated'],
      csat: { min: 4 },
      resolved: false,
      customer: 'ana@example.com',
    });
  });
});

describe('buildSearch', () => {
  it('produces what the contract accepts, with the chosen sort', () => {
    const result = buildSearch(form({ text: 'refund', csatMax: '2' }), { column: 'csat', direction: 'asc' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(historySearchSchema.parse(result.value)).toEqual(result.value);
    expect(result.value.sort).toEqual({ column: 'csat', direction: 'asc' });
  });

  it('refuses what the contract would refuse (text too long)', () => {
    const result = buildSearch(form({ text: 'x'.repeat(501) }), DEFAULT_SORT);
    expect(result.ok).toBe(false);
  });

  it('round-trips through a saved search: the form comes back the same', () => {
    const original = form({
      text: 'refund',
      queueIds: ['q-1'],
      dateFrom: '2025-03-08',
      dateTo: '2025-03-09',
      durations: { ...emptyForm(NEW_YORK).durations, handleTimeSec: { min: '2', max: '10', unit: 'min' }, waitSec: { min: '30', max: '', unit: 'sec' } },
      csatMin: '4',
      csatMax: '5',
      resolved: 'yes',
      customer: 'c-42',
    });
    const search = buildSearch(original, DEFAULT_SORT);
    if (!search.ok) throw new Error(search.error);
    expect(formFromSearch(search.value, NEW_YORK)).toEqual(original);
  });

  it('keeps any valid date range the same instants after a round trip, in any zone', () => {
    const zones = ['UTC', NEW_YORK, 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Kiritimati'];
    const day = fc.integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2040, 0, 1) / 86_400_000 }).map((value) => new Date(value * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), fc.constantFrom(...zones), (from, span, timeZone) => {
        const to = new Date(Date.parse(from) + span * 86_400_000).toISOString().slice(0, 10);
        const built = buildSearch(form({ dateFrom: from, dateTo: to, timeZone }), DEFAULT_SORT);
        if (!built.ok) throw new Error(built.error);
        const back = formFromSearch(built.value, timeZone);
        expect([back.dateFrom, back.dateTo]).toEqual([from, to]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('chips', () => {
  const names = chipNames({
    queues: [{ queueId: 'q-1', name: 'Billing', channel: 'chat', timeZone: NEW_YORK }],
    agents: [{ agentId: 'a-1', name: 'Ana Silva', teamId: 't-1' }],
    teams: [{ teamId: 't-1', name: 'Aurora' }],
    intents: [],
  });

  it('names each applied filter, with names instead of ids', () => {
    const chips = chipsOf(
      form({
        text: 'refund',
        queueIds: ['q-1', 'q-unknown'],
        agentIds: ['a-1'],
        teamIds: ['t-1'],
        channels: ['voice'],
        dispositions: ['closed_by_supervisor'],
        dateFrom: '2025-03-08',
        csatMin: '4',
        resolved: 'yes',
        durations: { ...emptyForm(NEW_YORK).durations, waitSec: { min: '', max: '45', unit: 'sec' } },
      }),
      names,
    );
    expect(chips.map((chip) => chip.label)).toEqual([
      'Text: refund',
      'Queue: Billing',
      'Queue: q-unknown',
      'Agent: Ana Silva',
      'Team: Aurora',
      'Channel: Voice',
      'Disposition: Closed by supervisor',
      'Date: from 2025-03-08 (America/New_York)',
      'Wait: ≤ 45 s',
      'CSAT: ≥ 4',
      'Resolved',
    ]);
  });

  it('has no chips for an empty form', () => {
    expect(chipsOf(form(), names)).toEqual([]);
  });

  it('removing a chip removes that filter and only that one', () => {
    const start = form({ text: 'refund', queueIds: ['q-1', 'q-2'], csatMin: '4', csatMax: '5', resolved: 'no', dateFrom: '2025-01-01', channels: ['chat', 'voice'] });
    for (const chip of chipsOf(start, names)) {
      const after = removeChip(start, chip.key);
      const remaining = chipsOf(after, names).map((other) => other.key);
      expect(remaining).not.toContain(chip.key);
      expect(remaining).toEqual(chipsOf(start, names).map((other) => other.key).filter((key) => key !== chip.key));
    }
    expect(removeChip(start, 'queue:q-1').queueIds).toEqual(['q-2']);
    expect(removeChip(start, 'nonsense')).toBe(start);
  });

  it('a duration chip clears that range only', () => {
    const durations = { ...emptyForm(NEW_YORK).durations, handleTimeSec: { min: '1', max: '2', unit: 'min' as const }, waitSec: { min: '5', max: '', unit: 'sec' as const } };
    const after = removeChip(form({ durations }), 'handleTimeSec');
    expect(after.durations.handleTimeSec.min).toBe('');
    expect(after.durations.waitSec).toEqual(durations.waitSec);
  });
});

describe('results', () => {
  it('counts with separators, singular, none and capped', () => {
    expect(formatCount(1234, false)).toBe('1,234 conversations');
    expect(formatCount(1, false)).toBe('1 conversation');
    expect(formatCount(0, false)).toBe('No conversations');
    expect(formatCount(10_000, true)).toBe('10,000+ conversations');
  });

  it('sorting flips the current column and starts a new one in its natural order', () => {
    expect(nextSort(DEFAULT_SORT, 'createdAt')).toEqual({ column: 'createdAt', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'csat')).toEqual({ column: 'csat', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'queue')).toEqual({ column: 'queue', direction: 'asc' });
    expect(ariaSort(DEFAULT_SORT, 'createdAt')).toBe('descending');
    expect(ariaSort({ column: 'agent', direction: 'asc' }, 'agent')).toBe('ascending');
    expect(ariaSort(DEFAULT_SORT, 'csat')).toBe('none');
  });
});

describe('splitSnippet', () => {
  it('splits on the markers into plain and matched parts', () => {
    expect(splitSnippet('I was \u0002charged\u0003 twice, \u0002charged\u0003!')).toEqual([
      { text: 'I was ', marked: false },
      { text: 'charged', marked: true },
      { text: ' twice, ', marked: false },
      { text: 'charged', marked: true },
      { text: '!', marked: false },
    ]);
  });

  it('keeps markup as text: nothing is interpreted', () => {
    expect(splitSnippet('<b>\u0002x\u0003</b>')).toEqual([
      { text: '<b>', marked: false },
      { text: 'x', marked: true },
      { text: '</b>', marked: false },
    ]);
  });

  it('survives missing or stray markers without leaking control characters', () => {
    expect(splitSnippet('start \u0002open to the end')).toEqual([
      { text: 'start ', marked: false },
      { text: 'open to the end', marked: true },
    ]);
    expect(splitSnippet('stray\u0003 end')).toEqual([{ text: 'stray end', marked: false }]);
    expect(splitSnippet('')).toEqual([]);
    expect(splitSnippet('\u0002\u0003')).toEqual([]);
  });

  it('loses no text and leaves no marker, for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant('\u0002'), fc.constant('\u0003'))), (pieces) => {
        const input = pieces.join('');
        const parts = splitSnippet(input);
        expect(parts.map((part) => part.text).join('')).toBe(input.replace(/[\u0002\u0003]/g, ''));
        for (const part of parts) expect(part.text.length).toBeGreaterThan(0);
        for (let index = 1; index < parts.length; index++) expect(parts[index]?.marked).not.toBe(parts[index - 1]?.marked);
      }),
    );
  });
});

describe('transcript badges', () => {
  const message = (patch: Partial<Extract<TranscriptEntry, { kind: 'message' }>>): TranscriptEntry => ({
    kind: 'message',
    messageId: 'm-1',
    at: 0,
    sender: 'agent',
    messageKind: 'text',
    senderId: 'a-1',
    text: 'hello',
    deliveryFailure: null,
    ...patch,
  });

  it('marks whispers, notes, system lines and delivery failures', () => {
    expect(entryBadges(message({}))).toEqual([]);
    expect(entryBadges(message({ messageKind: 'whisper', sender: 'supervisor' })).map((badge) => badge.marker)).toEqual(['whisper']);
    expect(entryBadges(message({ messageKind: 'note' })).map((badge) => badge.marker)).toEqual(['note']);
    expect(entryBadges(message({ messageKind: 'system', sender: 'bot' })).map((badge) => badge.marker)).toEqual(['system']);
    const failed = entryBadges(message({ deliveryFailure: 'customer offline' }));
    expect(failed).toEqual([{ marker: 'delivery-failure', label: 'Not delivered: customer offline' }]);
  });

  it('marks transfers and takeovers among lifecycle events', () => {
    const event = (name: Extract<TranscriptEntry, { kind: 'event' }>['event']): TranscriptEntry => ({ kind: 'event', at: 0, event: name, text: name });
    expect(entryBadges(event('transferred'))[0]?.marker).toBe('transfer');
    expect(entryBadges(event('taken_over'))[0]?.marker).toBe('takeover');
    expect(entryBadges(event('ended'))[0]?.marker).toBe('lifecycle');
  });
});

describe('cache freshness and progress', () => {
  const now = Date.UTC(2025, 2, 14, 17, 2);

  it('takes the newest of the cache and the feed', () => {
    expect(cacheLastUpdate(null, null)).toBeNull();
    expect(cacheLastUpdate(null, 5)).toBe(5);
    const info = { conversations: 1, messages: 1, oldest: 0, newest: 0, lastEventAt: 10, sizeBytes: 0, retentionDays: 30, eventLogDays: 7, lastPrunedAt: null };
    expect(cacheLastUpdate(info, 5)).toBe(10);
    expect(cacheLastUpdate(info, 20)).toBe(20);
  });

  it('says when the cache was last updated, in the zone, and how long ago', () => {
    expect(describeLastUpdate(now - 3 * 3_600_000, now, 'UTC')).toBe('last update 14:02 (3 hours ago)');
    expect(describeLastUpdate(now - 3 * 3_600_000, now, NEW_YORK)).toBe('last update 10:02 (3 hours ago)');
    expect(describeLastUpdate(now - 30_000, now, 'UTC')).toBe('last update 17:01 (just now)');
    expect(describeLastUpdate(now - 3 * 86_400_000, now, 'UTC')).toBe('last update 11 Mar 2025, 17:02 (3 days ago)');
    // During an outage every second counts: no "just now" while the feed is away.
    expect(describeLastUpdate(now - 30_000, now, 'UTC', false)).toBe('last update 17:01 (30 seconds ago)');
    expect(describeLastUpdate(null, now, 'UTC')).toBe('no data cached yet');
  });

  it('shows backfill progress only while it runs', () => {
    expect(backfillProgressText({ state: 'running', sentEvents: 42, totalEvents: 100 })).toBe('Fetching history: 42%');
    expect(backfillProgressText({ state: 'running', sentEvents: 0, totalEvents: 0 })).toBe('Fetching history…');
    expect(backfillProgressText({ state: 'done', sentEvents: 100, totalEvents: 100 })).toBeNull();
    expect(backfillProgressText(null)).toBeNull();
  });

  it('writes sizes in readable units', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(340 * 1024 * 1024)).toBe('340 MB');
  });
});

describe('the cache count during a backfill', () => {
  it('says how many so far, never "0 conversations" beside rows, and asks again every 2 s', () => {
    expect(cacheCountText(0, true)).toBe('history arriving…');
    expect(cacheCountText(1_204, true)).toBe('1,204 conversations so far');
    expect(cacheCountText(1, false)).toBe('1 conversation');
    expect(cacheCountText(0, false)).toBe('0 conversations');
    expect(cacheInfoRefreshMs(true)).toBeLessThan(cacheInfoRefreshMs(false));
  });
});
