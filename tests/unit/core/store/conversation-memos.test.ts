import { describe, expect, it } from 'vitest';
import { ConversationMemos } from '../../../../src-main/core/store/conversation-memos.js';

describe('ConversationMemos', () => {
  it('gives the same memo for an id until it is reset or cleared, and an empty one to a new id', () => {
    const memos = new ConversationMemos(10);
    const first = memos.of('c-1');
    expect(first).toEqual({ epoch: undefined, queueId: undefined, identity: undefined, head: undefined, responded: false });
    first.queueId = 'q-1';
    memos.of('c-2').responded = true;
    expect(memos.of('c-1')).toBe(first);
    expect(memos.of('c-1').queueId).toBe('q-1');
    expect(memos.of('c-2').responded).toBe(true);
  });

  it('forgets what it knew of an id on reset, even right after looking the id up', () => {
    const memos = new ConversationMemos(10);
    memos.of('c-1').identity = { key: 7, feedId: 'c-1' };
    const fresh = memos.reset('c-1');
    expect(fresh.identity).toBeUndefined();
    expect(memos.of('c-1')).toBe(fresh);
  });

  it('forgets one id, the one looked up last included, and keeps the others', () => {
    const memos = new ConversationMemos(10);
    memos.of('c-2').queueId = 'q-2';
    memos.of('c-1').queueId = 'q-1';
    memos.forget('c-1');
    expect(memos.of('c-1').queueId).toBeUndefined();
    expect(memos.of('c-2').queueId).toBe('q-2');
  });

  it('forgets every id on clear, the one looked up last included', () => {
    const memos = new ConversationMemos(10);
    memos.of('c-1').epoch = 'e-1';
    memos.of('c-2').epoch = 'e-1';
    memos.clear();
    expect(memos.of('c-2').epoch).toBeUndefined();
    expect(memos.of('c-1').epoch).toBeUndefined();
  });

  it('keeps at most its capacity of ids: the one remembered longest ago is read again from its row', () => {
    const memos = new ConversationMemos(2);
    memos.of('c-1').queueId = 'q-1';
    memos.of('c-2').queueId = 'q-2';
    memos.of('c-3').queueId = 'q-3';
    memos.of('c-2');
    expect(memos.of('c-1').queueId).toBeUndefined();
    expect(memos.of('c-3').queueId).toBe('q-3');
  });
});
