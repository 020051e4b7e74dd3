import { describe, expect, it } from 'vitest';
import { countConversations, endAllCount, endAllDone, endAllQuestion, transferDone, transferQuestion, waitingCount } from '../../../../../src-renderer/views/queue-detail/actions/bulk-model.js';

describe('bulk action words', () => {
  it('counts chats for chat queues and calls for voice queues', () => {
    expect(countConversations('chat', 1)).toBe('1 chat');
    expect(countConversations('chat', 12)).toBe('12 chats');
    expect(countConversations('voice', 3)).toBe('3 calls');
  });

  it('states the count a transfer affects, and its result', () => {
    expect(waitingCount({ queued: null })).toBe(0);
    expect(transferQuestion('chat', 12, 'Billing', 'Sales')).toBe('Move 12 waiting chats from Billing to Sales?');
    expect(transferDone('chat', 12, 'Sales')).toBe('Moved 12 waiting chats to Sales.');
    expect(transferDone('voice', 1, 'Retention')).toBe('Moved 1 waiting call to Retention.');
  });

  it('counts waiting and assigned conversations for "end all"', () => {
    const counts = endAllCount({ queued: 12, assigned: 15 });
    expect(counts).toEqual({ total: 27, waiting: 12, assigned: 15 });
    expect(endAllQuestion('chat', counts, 'Billing')).toBe('End all 27 chats of Billing (12 waiting, 15 with agents)?');
    expect(endAllDone('chat', 27, 'Billing')).toBe('Ended 27 chats of Billing.');
  });
});
