import { describe, expect, it } from 'vitest';
import type { Thresholds } from '../../../../src-shared/protocol/events.js';
import { draftFromSettings, formatThreshold, parseThresholdDraft, THRESHOLD_FIELDS, type ThresholdDraft } from '../../../../src-renderer/views/management/thresholds-model.js';

const feed: Thresholds = { queuedLow: 5, queuedHigh: 10, longestWaitSec: 120, ahtSec: 600, firstResponseSec: 60, serviceLevelPct: 80, abandonRatePct: 5 };
const empty = draftFromSettings({ override: null });
const draft = (fields: Partial<ThresholdDraft>): ThresholdDraft => ({ ...empty, ...fields });

describe('threshold overrides', () => {
  it('has one field per threshold of the protocol', () => {
    expect(THRESHOLD_FIELDS.map((field) => field.key).sort()).toEqual(Object.keys(feed).sort());
  });

  it('starts from the override: filled where overridden, empty where the feed applies', () => {
    expect(draftFromSettings({ override: { queuedHigh: 20, serviceLevelPct: 90 } })).toEqual(draft({ queuedHigh: '20', serviceLevelPct: '90' }));
  });

  it('sends only the filled fields, and null when every field is empty (back to the feed)', () => {
    const parsed = parseThresholdDraft(draft({ queuedHigh: ' 20 ', longestWaitSec: '90.5' }), feed);
    expect(parsed).toEqual({ ok: true, override: { queuedHigh: 20, longestWaitSec: 90.5 }, effective: { ...feed, queuedHigh: 20, longestWaitSec: 90.5 } });
    expect(parseThresholdDraft(empty, feed)).toEqual({ ok: true, override: null, effective: feed });
  });

  it('refuses text, negative numbers, fractional counts and percentages over 100, field by field', () => {
    const parsed = parseThresholdDraft(draft({ queuedLow: '2.5', ahtSec: 'ten', firstResponseSec: '-1', abandonRatePct: '101' }), feed);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['abandonRatePct', 'ahtSec', 'firstResponseSec', 'queuedLow']);
  });

  it('refuses a low severity above the high one, counting the feed value of the other field', () => {
    const parsed = parseThresholdDraft(draft({ queuedLow: '12' }), feed);
    expect(parsed).toEqual({ ok: false, errors: { queuedLow: 'Low severity (12) must not be above high severity (10).' } });
    const lowered = parseThresholdDraft(draft({ queuedHigh: '3' }), feed);
    expect(lowered).toEqual({ ok: false, errors: { queuedHigh: 'Low severity (5) must not be above high severity (3).' } });
  });

  it('writes values in their unit', () => {
    const field = (key: keyof Thresholds) => THRESHOLD_FIELDS.find((candidate) => candidate.key === key)!;
    expect(formatThreshold(field('queuedHigh'), 10)).toBe('10');
    expect(formatThreshold(field('longestWaitSec'), 125)).toBe('2:05');
    expect(formatThreshold(field('serviceLevelPct'), 80)).toBe('80%');
  });
});
