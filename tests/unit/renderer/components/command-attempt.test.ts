import { describe, expect, it } from 'vitest';
import { newCommandId } from '../../../../src-renderer/client/commands.js';
import { canSend, checkAttempt, editAttempt, finishAttempt, idleAttempt, startAttempt } from '../../../../src-renderer/components/command-attempt.js';
import { fail, ok } from '../../../../src-shared/result.js';

describe('command attempts', () => {
  it('takes a fresh id on the first send', () => {
    const sending = startAttempt(editAttempt(idleAttempt, 'hello'), 'id-1');

    expect(sending).toMatchObject({ text: 'hello', commandId: 'id-1', status: 'sending' });
    expect(canSend(sending, true)).toBe(false);
  });

  it('reuses the same id when retrying after a failure, so the command applies once', () => {
    const failed = finishAttempt(startAttempt(editAttempt(idleAttempt, 'hello'), 'id-1'), 'id-1', fail('link lost'));
    expect(failed).toMatchObject({ status: 'failed', error: 'link lost', text: 'hello', commandId: 'id-1' });

    const retry = startAttempt(failed, 'id-2');

    expect(retry.commandId).toBe('id-1');
    expect(retry.error).toBeNull();
  });

  it('makes a new command (new id) when the text changes after a failure', () => {
    const failed = finishAttempt(startAttempt(editAttempt(idleAttempt, 'hello'), 'id-1'), 'id-1', fail('refused'));

    const edited = editAttempt(failed, 'hello again');

    expect(edited).toMatchObject({ commandId: null, status: 'idle', error: null });
    expect(startAttempt(edited, 'id-2').commandId).toBe('id-2');
  });

  it('clears the text and the id on acknowledgement and keeps the answer to show', () => {
    const acknowledged = finishAttempt(startAttempt(editAttempt(idleAttempt, 'hello'), 'id-1'), 'id-1', ok({ detail: 'delivered' }));

    expect(acknowledged).toEqual({ text: '', commandId: null, status: 'acknowledged', error: null, acknowledgement: 'delivered' });
  });

  it('ignores an answer for another command and edits while sending', () => {
    const sending = startAttempt(editAttempt(idleAttempt, 'hello'), 'id-1');

    expect(finishAttempt(sending, 'id-other', ok({ detail: null }))).toBe(sending);
    expect(editAttempt(sending, 'changed')).toBe(sending);
  });

  it('refuses to send an empty or blank text when text is needed', () => {
    expect(canSend(idleAttempt, true)).toBe(false);
    expect(canSend(editAttempt(idleAttempt, '   '), true)).toBe(false);
    expect(canSend(idleAttempt, false)).toBe(true);
  });

  it('makes distinct ids', () => {
    const first = newCommandId('whisper');

    expect(first).toMatch(/^whisper-/);
    expect(newCommandId('whisper')).not.toBe(first);
  });

  it('is checking, not failed, while an unanswered command is looked up, and can neither be edited nor sent meanwhile', () => {
    const checking = checkAttempt(startAttempt(editAttempt(idleAttempt, 'hello'), 'id-1'), 'id-1');

    expect(checking).toMatchObject({ status: 'checking', commandId: 'id-1', error: null });
    expect(canSend(checking, true)).toBe(false);
    expect(editAttempt(checking, 'changed')).toBe(checking);
    expect(finishAttempt(checking, 'id-1', ok({ detail: null }))).toMatchObject({ status: 'acknowledged' });
  });
});
