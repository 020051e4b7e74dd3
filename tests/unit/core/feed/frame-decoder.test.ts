import { describe, expect, it } from 'vitest';
import { FLOOR_EVENT_TYPES, floorEventSchema } from '../../../../src-shared/protocol/events.js';
import { classifyEvent, decodeServerFrame, validateEvents } from '../../../../src-main/core/feed/frame-decoder.js';

const heartbeat = { type: 'heartbeat', time: 1_700_000_000_000, heads: { floor: 5 } };
const statusEvent = { seq: 7, time: 1_700_000_000_000, type: 'agent.status', agentId: 'a1', kind: 'away', reason: 'Lunch' };

describe('decodeServerFrame', () => {
  const text = JSON.stringify(heartbeat);

  it.each([
    ['a string', text],
    ['a Buffer', Buffer.from(text)],
    ['an ArrayBuffer', new Uint8Array(Buffer.from(text)).buffer],
    ['fragments', [Buffer.from(text.slice(0, 10)), Buffer.from(text.slice(10))]],
  ])('decodes %s', (_name, data) => {
    expect(decodeServerFrame(data, 1024)).toEqual({ ok: true, frame: heartbeat });
  });

  it('rejects an oversized frame by its byte size, before parsing', () => {
    const result = decodeServerFrame(text, 10);
    expect(result).toMatchObject({ ok: false, reason: 'oversized' });
    // Not JSON either, but too big is what counts: it is never parsed.
    expect(decodeServerFrame('x'.repeat(2000), 1000)).toMatchObject({ ok: false, reason: 'oversized', detail: expect.stringContaining('2000 bytes') });
  });

  it('counts bytes, not characters', () => {
    const wide = JSON.stringify({ ...heartbeat, heads: { 'é€😀': 1 } });
    expect(Buffer.byteLength(wide)).toBeGreaterThan(wide.length);
    expect(decodeServerFrame(wide, Buffer.byteLength(wide))).toMatchObject({ ok: true });
    expect(decodeServerFrame(wide, Buffer.byteLength(wide) - 1)).toMatchObject({ ok: false, reason: 'oversized' });
  });

  it.each([
    ['garbage', '{not json', 'not_json'],
    ['an empty frame', '', 'not_json'],
    ['an unknown frame type', JSON.stringify({ type: 'party' }), 'bad_frame'],
    ['a wrong field type', JSON.stringify({ ...heartbeat, time: 'noon' }), 'bad_frame'],
    ['an events frame with no events', JSON.stringify({ type: 'events', stream: 'floor', epoch: 'e1', events: [] }), 'bad_frame'],
    ['a bare number', '42', 'bad_frame'],
  ])('rejects %s', (_name, data, reason) => {
    expect(decodeServerFrame(data, 1024)).toMatchObject({ ok: false, reason });
  });

  it('explains a bad frame in words', () => {
    const result = decodeServerFrame(JSON.stringify({ ...heartbeat, time: 'noon' }), 1024);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toMatch(/"heartbeat" frame: time: .*number/i);
  });
});

describe('classifyEvent / validateEvents', () => {
  it('accepts a valid event as parsed by its schema (defaults applied)', () => {
    const configured = {
      seq: 1,
      time: 5,
      type: 'queue.configured',
      queueId: 'q',
      name: 'Q',
      channel: 'chat',
      timeZone: 'UTC',
      serviceLevelTargetSec: 60,
      thresholds: { queuedLow: 1, queuedHigh: 2, longestWaitSec: 1, ahtSec: 1, firstResponseSec: 1, serviceLevelPct: 1, abandonRatePct: 1 },
      businessHours: { windows: [], holidays: [] },
    };
    const result = classifyEvent(configured);
    expect(result.kind).toBe('valid');
    if (result.kind === 'valid') expect(result.event).toMatchObject({ presetGroups: [] });
  });

  it.each([
    ['not an object', 'hello', null, /not an object/],
    ['an array', [1, 2], null, /not an object/],
    ['no type', { seq: 3, time: 1 }, 3, /type: expected a string/],
    ['a wrong field (seq kept)', { ...statusEvent, kind: 'asleep' }, 7, /agent\.status seq 7: kind/],
    ['a missing field', { seq: 8, time: 1, type: 'agent.logout' }, 8, /agentId/],
    ['a fractional seq (not readable)', { ...statusEvent, seq: 1.5 }, null, /seq/],
    ['an unknown type without a time', { seq: 9, type: 'agent.teleported' }, 9, /unknown event type "agent.teleported"/],
  ])('rejects %s', (_name, raw, seq, detail) => {
    const result = classifyEvent(raw);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.seq).toBe(seq);
    expect(result.reject.reason).toBe('invalid_event');
    expect(result.reject.detail).toMatch(detail);
    expect(result.reject.seq).toBe(seq ?? undefined);
    expect(result.reject.excerpt.length).toBeGreaterThan(0);
  });

  it('keeps an unknown event type with a sound envelope, raw', () => {
    const raw = { seq: 11, time: 99, type: 'agent.teleported', to: 'Mars' };
    expect(classifyEvent(raw)).toEqual({ kind: 'unknown', seq: 11, unknown: { seq: 11, time: 99, type: 'agent.teleported', raw: JSON.stringify(raw) } });
  });

  it('truncates long excerpts', () => {
    const result = classifyEvent({ ...statusEvent, reason: 'x'.repeat(5000) });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.reject.excerpt.length).toBeLessThan(400);
  });

  it('splits a list into valid, unknown and rejects without losing neighbours', () => {
    const result = validateEvents([statusEvent, { seq: 8, time: 1, type: 'mystery' }, 'junk', { ...statusEvent, seq: 9 }]);
    expect(result.valid.map((event) => event.seq)).toEqual([7, 9]);
    expect(result.unknown.map((event) => event.type)).toEqual(['mystery']);
    expect(result.rejects).toHaveLength(1);
  });
});

describe('feed.withheld', () => {
  const placeholder = { seq: 1234, time: 1_767_000_000_000, type: 'feed.withheld' };

  it('is a known event: seq, time and type, nothing else', () => {
    expect(classifyEvent(placeholder)).toEqual({ kind: 'valid', seq: 1234, event: placeholder });
    expect(floorEventSchema.parse(placeholder)).toEqual(placeholder);
    expect(FLOOR_EVENT_TYPES.has('feed.withheld')).toBe(true);
  });

  it('drops any other field, as every event schema does, so nothing the feed held back is kept', () => {
    expect(classifyEvent({ ...placeholder, queueId: 'q-elsewhere', agentId: 'a-9' })).toEqual({ kind: 'valid', seq: 1234, event: placeholder });
  });

  it.each([
    ['no seq', { time: placeholder.time, type: 'feed.withheld' }, null, /seq/],
    ['a zero seq', { ...placeholder, seq: 0 }, null, /seq/],
    ['a fractional seq', { ...placeholder, seq: 12.5 }, null, /seq/],
    ['a seq as text', { ...placeholder, seq: '1234' }, null, /seq/],
    ['no time', { seq: 1234, type: 'feed.withheld' }, 1234, /feed\.withheld seq 1234: time/],
    ['a negative time', { ...placeholder, time: -1 }, 1234, /time/],
    ['a fractional time', { ...placeholder, time: 1.5 }, 1234, /time/],
    ['a time as text', { ...placeholder, time: 'yesterday' }, 1234, /time/],
  ])('is refused with %s', (_name, raw, seq, detail) => {
    const result = classifyEvent(raw);
    expect(result).toMatchObject({ kind: 'invalid', seq, reject: { reason: 'invalid_event', detail: expect.stringMatching(detail) } });
  });

  it('is kept apart from its neighbours in a list, like any valid event', () => {
    const result = validateEvents([statusEvent, { ...placeholder, seq: 8 }, { ...statusEvent, seq: 9 }]);
    expect(result.valid.map((event) => event.type)).toEqual(['agent.status', 'feed.withheld', 'agent.status']);
    expect(result.unknown).toEqual([]);
    expect(result.rejects).toEqual([]);
  });
});
