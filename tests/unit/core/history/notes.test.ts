import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationNote } from '../../../../src-shared/api/transcript.js';
import { OUTAGE_BACKFILL_AFTER_MS } from '../../../../src-main/core/history/history-api.js';
import { ADMIN, conversationEvents, DAY, historyHarness, MINUTE, refusal, SCOPED, setupEvents, T0, until, value, type HistoryHarness } from './history-test-kit.js';

let harness: HistoryHarness;

beforeEach(() => {
  harness = historyHarness({ connection: 'reconnecting' });
  harness.ingest(setupEvents(T0 - DAY));
  harness.ingest([...conversationEvents({ id: 'c-1', createdAt: T0 }), ...conversationEvents({ id: 'c-2', queueId: 'q-support', createdAt: T0 })]);
});

afterEach(async () => {
  await harness.close();
});

async function addNote(text: string, commandId: string, session = ADMIN, conversationId = 'c-1'): Promise<ConversationNote> {
  return value(await harness.api.command(session, { type: 'history.note.add', conversationId, text }, commandId));
}

function notesOf(conversationId: string): readonly ConversationNote[] {
  return value(harness.api.query(ADMIN, { type: 'history.transcript', conversationId })).notes;
}

describe('history.note.add', () => {
  it('stores a note offline, shows it in the transcript, and sends it when the feed comes back', async () => {
    const note = await addNote('Customer called twice', 'cmd-1');
    expect(note).toMatchObject({ noteId: 'cmd-1', conversationId: 'c-1', authorId: 'ann', authorName: 'Ann Supervisor', text: 'Customer called twice', sentToFeed: false });
    expect(harness.feed.sent).toEqual([]);
    expect(notesOf('c-1')).toEqual([note]);

    harness.feed.set('live');
    await until(() => notesOf('c-1')[0]?.sentToFeed === true, 'the note to be sent');
    expect(harness.feed.sent).toEqual([
      { commandId: 'cmd-1', command: { type: 'conversation.add_note', conversationId: 'c-1', supervisorId: 'ann', text: 'Customer called twice' } },
    ]);
  });

  it('sends at once when the feed is live', async () => {
    harness.feed.set('live');
    const note = await addNote('Escalate to billing', 'cmd-2');
    expect(note.sentToFeed).toBe(true);
    expect(harness.feed.sent.map((sent) => sent.commandId)).toEqual(['cmd-2']);
  });

  it('applies a retried command once', async () => {
    const first = await addNote('Once only', 'cmd-3');
    const again = await addNote('Once only', 'cmd-3');
    expect(again).toEqual(first);
    expect(notesOf('c-1')).toHaveLength(1);
    expect(refusal(await harness.api.command(ADMIN, { type: 'history.note.add', conversationId: 'c-2', text: 'Other' }, 'cmd-3'))).toMatch(/already used/u);
  });

  it('keeps a note the feed refused, unsent, and tries it again at the next connection', async () => {
    harness.feed.answer = () => ({ ok: false, reason: 'unknown conversation' });
    harness.feed.set('live');
    const note = await addNote('Refused for now', 'cmd-4');
    expect(note.sentToFeed).toBe(false);
    harness.feed.answer = () => ({ ok: true });
    harness.feed.set('reconnecting');
    harness.feed.set('live');
    await until(() => notesOf('c-1')[0]?.sentToFeed === true, 'the retry to be acknowledged');
    expect(harness.feed.sent.map((sent) => sent.commandId)).toEqual(['cmd-4', 'cmd-4']);
  });

  it('refuses a conversation outside the scope or not cached', async () => {
    expect(refusal(await harness.api.command(SCOPED, { type: 'history.note.add', conversationId: 'c-2', text: 'x' }, 'cmd-5'))).toMatch(/not in the cache/u);
    expect(refusal(await harness.api.command(ADMIN, { type: 'history.note.add', conversationId: 'c-404', text: 'x' }, 'cmd-6'))).toMatch(/not in the cache/u);
    expect(notesOf('c-2')).toEqual([]);
  });
});

describe('history.backfill.start and outages', () => {
  it('refuses with a reason when the feed is not connected', async () => {
    const answer = value(await harness.api.command(ADMIN, { type: 'history.backfill.start', days: 3 }, 'b-1'));
    expect(answer.requested).toBe(false);
    expect(answer.reason).toMatch(/not connected/u);
    expect(harness.feed.backfills).toEqual([]);
  });

  it('asks the feed for the days requested when connected', async () => {
    harness.feed.set('live');
    const answer = value(await harness.api.command(ADMIN, { type: 'history.backfill.start', days: 3 }, 'b-2'));
    expect(answer).toEqual({ requested: true, reason: null });
    expect(harness.feed.backfills).toEqual([{ since: T0 + DAY - 3 * DAY, until: T0 + DAY, maxEvents: 5_000_000 }]);
  });

  it('backfills the missed span after an outage longer than an hour, and not after a short one', () => {
    harness.feed.set('live');
    harness.feed.lastEventAt = T0 + DAY;
    harness.feed.set('reconnecting');
    harness.setFloorTime(T0 + DAY + 10 * MINUTE);
    harness.feed.set('live');
    expect(harness.feed.backfills).toEqual([]);

    harness.feed.set('reconnecting');
    harness.setFloorTime(T0 + DAY + 10 * MINUTE + OUTAGE_BACKFILL_AFTER_MS + MINUTE);
    harness.feed.set('live');
    expect(harness.feed.backfills).toEqual([{ since: T0 + DAY - 5 * MINUTE, until: T0 + DAY + 10 * MINUTE + OUTAGE_BACKFILL_AFTER_MS + MINUTE, maxEvents: 5_000_000 }]);
  });
});
