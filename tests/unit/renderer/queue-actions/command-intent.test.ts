import { describe, expect, it } from 'vitest';
import { beginIntent, canonicalJson, settleIntent } from '../../../../src-renderer/views/queue-actions/command-intent.js';

function ids(): () => string {
  let next = 0;
  return () => `id-${++next}`;
}

describe('command intents', () => {
  it('writes equal commands as one key whatever the key order, dropping undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: 'q' }] })).toBe(canonicalJson({ a: [{ z: 'q', y: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it('reuses the id when the same command is retried after a failure', () => {
    const newId = ids();
    const first = beginIntent(null, { type: 'queue.end_all', queueId: 'q-1' }, newId);
    const retry = beginIntent(settleIntent(first, false), { queueId: 'q-1', type: 'queue.end_all' }, newId);
    expect(retry.commandId).toBe(first.commandId);
    expect(retry.state).toBe('pending');
  });

  it('reuses the id while the first attempt has no answer yet (a double click)', () => {
    const newId = ids();
    const first = beginIntent(null, { type: 'queue.end_all', queueId: 'q-1' }, newId);
    expect(beginIntent(first, { type: 'queue.end_all', queueId: 'q-1' }, newId).commandId).toBe(first.commandId);
  });

  it('takes a new id for another command, and for the same command once it succeeded', () => {
    const newId = ids();
    const pause = beginIntent(null, { type: 'queue.mitigation', queueId: 'q-1', state: 'paused' }, newId);
    const resume = beginIntent(settleIntent(pause, false), { type: 'queue.mitigation', queueId: 'q-1', state: 'normal' }, newId);
    expect(resume.commandId).not.toBe(pause.commandId);
    const again = beginIntent(settleIntent(resume, true), { type: 'queue.mitigation', queueId: 'q-1', state: 'normal' }, newId);
    expect(again.commandId).not.toBe(resume.commandId);
    expect([pause.commandId, resume.commandId, again.commandId]).toEqual(['id-1', 'id-2', 'id-3']);
  });
});
