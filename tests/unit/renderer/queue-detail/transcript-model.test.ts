import { describe, expect, it } from 'vitest';
import type { TranscriptMessage } from '../../../../src-shared/api/live-insights.js';
import {
  conversationStateLabel,
  deliveryFailureCount,
  initialTranscriptState,
  isNearBottom,
  ownerLabel,
  ownsConversation,
  presentEntry,
  reduceTranscript,
  watchersLine,
} from '../../../../src-renderer/views/queue-detail/transcript-model.js';
import { header, message } from './fixtures.js';

function snapshot(): TranscriptMessage {
  return { kind: 'snapshot', header: header(), entries: [message('m-1'), message('m-2', { sender: 'agent' })], watchers: [{ userId: 'u-ada', displayName: 'Ada' }] };
}

function update(overrides: Partial<Extract<TranscriptMessage, { kind: 'update' }>> = {}): TranscriptMessage {
  return { kind: 'update', header: header(), append: [], deliveryFailures: [], watchers: [], ...overrides };
}

describe('reduceTranscript', () => {
  it('loads a snapshot', () => {
    const state = reduceTranscript(initialTranscriptState, snapshot());

    expect(state.loaded).toBe(true);
    expect(state.entries).toHaveLength(2);
    expect(state.watchers.map((watcher) => watcher.displayName)).toEqual(['Ada']);
  });

  it('appends new lines in order and takes the new header and watchers', () => {
    const state = reduceTranscript(
      reduceTranscript(initialTranscriptState, snapshot()),
      update({ append: [message('m-3'), message('m-4', { messageKind: 'whisper', sender: 'supervisor' })], header: header({ handleTimeSec: 99 }), watchers: [] }),
    );

    expect(state.entries.map((entry) => (entry.kind === 'message' ? entry.messageId : entry.event))).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    expect(state.header?.handleTimeSec).toBe(99);
    expect(state.watchers).toEqual([]);
  });

  it('does not show a message twice when an update repeats it', () => {
    const state = reduceTranscript(reduceTranscript(initialTranscriptState, snapshot()), update({ append: [message('m-2'), message('m-3'), message('m-3')] }));

    expect(state.entries).toHaveLength(3);
  });

  it('keeps lifecycle events, which have no message id', () => {
    const event = { kind: 'event', at: 9_000, event: 'taken_over', text: 'Taken over by Ada' } as const;
    const state = reduceTranscript(reduceTranscript(initialTranscriptState, snapshot()), update({ append: [event] }));

    expect(state.entries.at(-1)).toEqual(event);
  });

  it('marks the messages a delivery failure names', () => {
    const before = reduceTranscript(initialTranscriptState, snapshot());

    const state = reduceTranscript(before, update({ deliveryFailures: [{ messageId: 'm-2', reason: 'channel closed' }] }));

    const failed = state.entries[1];
    expect(failed?.kind === 'message' ? failed.deliveryFailure : null).toBe('channel closed');
    expect(state.entries[0]).toBe(before.entries[0]);
    expect(deliveryFailureCount(state)).toBe(1);
  });

  it('ignores updates before the snapshot', () => {
    expect(reduceTranscript(initialTranscriptState, update({ append: [message('m-9')] }))).toBe(initialTranscriptState);
  });
});

describe('presentEntry', () => {
  it('marks whispers, notes and system lines with words and an icon', () => {
    expect(presentEntry(message('m', { messageKind: 'whisper', sender: 'supervisor' }))).toEqual({ tone: 'whisper', label: 'Whisper · Supervisor to agent', icon: '✉' });
    expect(presentEntry(message('m', { messageKind: 'note', sender: 'supervisor' })).label).toBe('Note · Supervisor');
    expect(presentEntry(message('m', { messageKind: 'system', sender: 'bot' })).tone).toBe('system');
    expect(presentEntry({ kind: 'event', at: 1, event: 'assigned', text: 'Assigned to Ada' }).tone).toBe('event');
  });

  it('names the sender of ordinary lines', () => {
    expect(presentEntry(message('m', { sender: 'agent' }))).toEqual({ tone: 'agent', label: 'Agent', icon: '' });
    expect(presentEntry(message('m', { sender: 'supervisor' })).label).toBe('Supervisor');
  });
});

describe('panel helpers', () => {
  it('lists who is watching', () => {
    expect(watchersLine([{ userId: 'a', displayName: 'Ada' }, { userId: 'b', displayName: 'Ben' }])).toBe('Watching: Ada, Ben');
    expect(watchersLine([])).toBeNull();
  });

  it('follows the bottom only when the reader is there', () => {
    expect(isNearBottom(600, 400, 1000)).toBe(true);
    expect(isNearBottom(580, 400, 1000)).toBe(true);
    expect(isNearBottom(300, 400, 1000)).toBe(false);
  });

  it('counts delivery failures from the header when it knows more than the marked lines', () => {
    const state = reduceTranscript(initialTranscriptState, { ...snapshot(), header: header({ deliveryFailures: 3 }) } as TranscriptMessage);

    expect(deliveryFailureCount(state)).toBe(3);
  });

  it('owns the conversation after an acknowledged takeover, or when the header names this user', () => {
    expect(ownsConversation(header(), 'u-me', true)).toBe(true);
    expect(ownsConversation(header({ supervisorId: 'u-me' }), 'u-me', false)).toBe(true);
    expect(ownsConversation(header({ supervisorId: 'u-other' }), 'u-me', false)).toBe(false);
    expect(ownsConversation(header(), null, false)).toBe(false);
  });
});

describe('who has the conversation', () => {
  const base = { agentId: 'a-1', agentName: 'Ada', supervisorId: null, supervisorName: null } as const;

  it('says a taken-over conversation is with a supervisor, not "with an agent"', () => {
    expect(conversationStateLabel({ state: 'assigned', supervisorId: null }, false)).toBe('With an agent');
    expect(conversationStateLabel({ state: 'assigned', supervisorId: 'sup-7' }, false)).toBe('With a supervisor (taken over)');
    expect(conversationStateLabel({ state: 'assigned', supervisorId: 'sup-7' }, true)).toBe('With you (taken over)');
    expect(conversationStateLabel({ state: 'ended', supervisorId: 'sup-7' }, false)).toBe('Ended');
  });

  it('names the supervisor once, by name where known', () => {
    expect(ownerLabel(base, false)).toBe('Ada');
    expect(ownerLabel({ ...base, supervisorId: 'supervisor', supervisorName: 'Rosa Diaz' }, false)).toBe('Rosa Diaz (supervisor)');
    expect(ownerLabel({ ...base, supervisorId: 'supervisor', supervisorName: null }, false)).toBe('Another supervisor');
    expect(ownerLabel({ ...base, supervisorId: 'supervisor' }, true)).toBe('Supervisor (you)');
  });
});
