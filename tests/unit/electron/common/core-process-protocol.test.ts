import { describe, expect, it } from 'vitest';
import { parseCoreToMain, parseMainToCore } from '../../../../src-main/electron/common/core-process-protocol.js';

describe('parseMainToCore', () => {
  it('reads every message the main process sends', () => {
    const messages = [
      { kind: 'start', argv: ['--seed', '1'], dataDir: '/data' },
      { kind: 'request', windowId: 1, message: { kind: 'request', id: 1, request: { op: 'subscribe', subscription: { topic: 'status' } } } },
      { kind: 'close-window', windowId: 1 },
      { kind: 'shutdown' },
    ];
    for (const message of messages) expect(parseMainToCore(message)).toEqual(message);
  });

  it.each([
    ['not an object', 'shutdown'],
    ['unknown kind', { kind: 'eval', code: '1' }],
    ['start without a data folder', { kind: 'start', argv: [], dataDir: '' }],
    ['start with non-string arguments', { kind: 'start', argv: [1], dataDir: '/d' }],
    ['request for a negative window', { kind: 'request', windowId: -1, message: {} }],
    ['request without a body', { kind: 'request', windowId: 1, message: null }],
  ])('rejects %s', (_name, message) => {
    expect(parseMainToCore(message)).toBeNull();
  });
});

describe('parseCoreToMain', () => {
  it('reads every message the core process sends', () => {
    const messages = [
      { kind: 'ready' },
      { kind: 'failed', error: 'no disk' },
      { kind: 'server', windowId: 2, message: { kind: 'response', id: 4, result: { ok: true, value: null } } },
      { kind: 'server', windowId: 2, message: { kind: 'push', subscriptionId: 's1', topic: 'status', message: {} } },
      { kind: 'stopped', error: null },
    ];
    for (const message of messages) expect(parseCoreToMain(message)).toEqual(message);
  });

  it.each([
    ['unknown kind', { kind: 'log', text: 'x' }],
    ['server message of unknown kind', { kind: 'server', windowId: 1, message: { kind: 'eval' } }],
    ['response without an id', { kind: 'server', windowId: 1, message: { kind: 'response', result: { ok: true, value: 1 } } }],
    ['push without a subscription', { kind: 'server', windowId: 1, message: { kind: 'push', topic: 'status' } }],
    ['fractional window id', { kind: 'server', windowId: 1.5, message: { kind: 'response', id: 1, result: { ok: true, value: 1 } } }],
  ])('rejects %s', (_name, message) => {
    expect(parseCoreToMain(message)).toBeNull();
  });
});
