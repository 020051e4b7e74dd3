import { describe, expect, it } from 'vitest';
import { describeFeedHealth } from '../../../../src-renderer/format/feed-health.js';

describe('describeFeedHealth', () => {
  it('says nothing when nothing was skipped', () => {
    expect(describeFeedHealth({ rejects: {}, gaps: 0 })).toBeNull();
    expect(describeFeedHealth({ rejects: { not_json: 0 }, gaps: 0 })).toBeNull();
  });

  it('counts what was skipped and says why, most frequent first', () => {
    expect(describeFeedHealth({ rejects: { not_json: 1, invalid_event: 3, mystery_reason: 2 }, gaps: 1 })).toEqual({
      total: 6,
      lines: ['3 × invalid events', '2 × mystery reason', '1 × not JSON', '1 × gaps in the sequence (replayed by the feed; nothing lost)'],
    });
  });
});
