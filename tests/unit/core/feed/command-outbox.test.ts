/** The command outbox: sent when connected, resent after a reconnect, answered exactly once. */
import { describe, expect, it } from 'vitest';
import type { ClientFrame, FeedCommand } from '../../../../src-shared/protocol/frames.js';
import { CommandOutbox } from '../../../../src-main/core/feed/command-outbox.js';
import { manualTimers } from '../../../support/manual-timers.js';

const WHISPER: FeedCommand = { type: 'conversation.whisper', conversationId: 'c-1', supervisorId: 'sup-1', text: 'Offer the refund' };

function outbox() {
  const timers = manualTimers(0);
  const sent: ClientFrame[] = [];
  const commands = new CommandOutbox({ setTimer: timers.setTimeout, clearTimer: timers.clearTimeout, timeoutMs: 30_000, send: (frame) => sent.push(frame) });
  return { timers, sent, commands };
}

const online = { stopped: false, connected: true };
const offline = { stopped: false, connected: false };

describe('CommandOutbox', () => {
  it('sends at once when connected and resolves with the feed answer, once', async () => {
    const { sent, commands } = outbox();
    const outcome = commands.submit('cmd-1', WHISPER, online);
    expect(sent).toEqual([{ type: 'command', commandId: 'cmd-1', command: WHISPER }]);
    commands.answer({ type: 'command.result', commandId: 'cmd-1', ok: true });
    commands.answer({ type: 'command.result', commandId: 'cmd-1', ok: false, reason: 'late duplicate' });
    await expect(outcome).resolves.toEqual({ ok: true });
  });

  it('keeps a command sent while disconnected, resends it under its id, and gives the same promise for the same id', async () => {
    const { sent, commands } = outbox();
    const first = commands.submit('cmd-1', WHISPER, offline);
    expect(commands.submit('cmd-1', WHISPER, offline)).toBe(first);
    expect(sent).toEqual([]);
    commands.resendAll();
    commands.resendAll();
    expect(sent.map((frame) => (frame.type === 'command' ? frame.commandId : frame.type))).toEqual(['cmd-1', 'cmd-1']);
    commands.answer({ type: 'command.result', commandId: 'cmd-1', ok: false, reason: 'conversation ended' });
    await expect(first).resolves.toEqual({ ok: false, reason: 'conversation ended' });
  });

  it('answers "may or may not have been applied" when the feed is silent past the timeout', async () => {
    const { timers, commands } = outbox();
    const outcome = commands.submit('cmd-1', WHISPER, online);
    timers.advance(30_000);
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'no answer from the feed within 30 s; it may or may not have been applied' });
  });

  it('refuses a bad id, an invalid command and a stopped client without sending', async () => {
    const { sent, commands } = outbox();
    await expect(commands.submit('', WHISPER, online)).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('invalid command id') });
    await expect(commands.submit('cmd-2', { type: 'nonsense' } as unknown as FeedCommand, online)).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('invalid command') });
    await expect(commands.submit('cmd-3', WHISPER, { stopped: true, connected: false })).resolves.toEqual({ ok: false, reason: 'the feed client is stopped' });
    expect(sent).toEqual([]);
  });

  it('answers every waiting command when the client stops, and clears their timers', async () => {
    const { timers, commands } = outbox();
    const outcome = commands.submit('cmd-1', WHISPER, offline);
    commands.failAll('stopped');
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'stopped' });
    expect(timers.pending()).toBe(0);
  });
});
