import { describe, expect, it } from 'vitest';
import { describeSeverity, mitigationMessageError, mitigationOptions, queuedSeverity, unlockingSeverity } from '../../../../../src-renderer/views/queue-detail/actions/mitigation-rules.js';

const thresholds = { queuedLow: 5, queuedHigh: 10 };

describe('queuedSeverity', () => {
  it.each([
    [null, 'none'],
    [0, 'none'],
    [4, 'none'],
    [5, 'low'],
    [9, 'low'],
    [10, 'high'],
    [40, 'high'],
  ] as const)('%s queued is %s', (queued, severity) => {
    expect(queuedSeverity(queued, thresholds)).toBe(severity);
  });

  it('never puts an empty queue in severity, even with thresholds of 0', () => {
    expect(queuedSeverity(0, { queuedLow: 0, queuedHigh: 0 })).toBe('none');
    expect(queuedSeverity(1, { queuedLow: 0, queuedHigh: 0 })).toBe('high');
  });
});

describe('mitigation unlocking', () => {
  it('unlocks the custom message at low severity and the pause at high severity; normal is always open', () => {
    expect(unlockingSeverity('normal')).toBe('none');
    expect(unlockingSeverity('custom_message')).toBe('low');
    expect(unlockingSeverity('paused')).toBe('high');
  });

  const unlocked = (queued: number) => Object.fromEntries(mitigationOptions(queued, thresholds, 'normal').map((option) => [option.state, option.unlocked]));

  it('below low: only normal is unlocked', () => {
    expect(unlocked(2)).toEqual({ normal: true, custom_message: false, paused: false });
  });

  it('at low: the custom message is unlocked, not the pause', () => {
    expect(unlocked(5)).toEqual({ normal: true, custom_message: true, paused: false });
  });

  it('at high: everything is unlocked', () => {
    expect(unlocked(12)).toEqual({ normal: true, custom_message: true, paused: true });
  });

  it('says why a locked option is locked and marks the current state', () => {
    const options = mitigationOptions(6, thresholds, 'custom_message');
    const paused = options.find((option) => option.state === 'paused');
    expect(paused?.lockedReason).toBe('Unlocks at high queue severity (10 queued or more); now 6 queued.');
    expect(options.find((option) => option.current)?.state).toBe('custom_message');
    expect(options.find((option) => option.state === 'custom_message')?.lockedReason).toBeNull();
  });

  it('describes the severity with the count and the next threshold', () => {
    expect(describeSeverity('none', 3, thresholds)).toBe('Queue normal: 3 queued (low at 5, high at 10).');
    expect(describeSeverity('high', 11, thresholds)).toBe('High queue severity: 11 queued (high at 10).');
  });

  it('needs a message for the custom message state only', () => {
    expect(mitigationMessageError('custom_message', '   ')).toBe('Write the message customers will see.');
    expect(mitigationMessageError('custom_message', 'x'.repeat(1001))).toBe('The message has at most 1,000 characters.');
    expect(mitigationMessageError('custom_message', ' Busy today ')).toBeNull();
    expect(mitigationMessageError('paused', '')).toBeNull();
  });
});

describe('mitigation words per channel', () => {
  it('speaks of calls and callers on a voice queue, chats on a chat queue', () => {
    const voice = mitigationOptions(0, thresholds, 'normal', 'voice').map((option) => option.description).join(' ');
    expect(voice).toContain('agents take calls as usual');
    expect(voice).not.toMatch(/chat/u);
    expect(mitigationOptions(0, thresholds, 'normal', 'chat')[0]?.description).toContain('agents take chats as usual');
  });
});
