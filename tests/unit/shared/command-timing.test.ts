/**
 * One timeout story end to end: each layer waits longer for a command's answer than the layer
 * below it, so none gives up (and calls a command lost) while the one below may still apply it.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_ACK_TIMEOUT_MS, COMMAND_WAIT_MS } from '../../../src-shared/api/commands.js';
import { createCoreClient } from '../../../src-main/electron/main/core-client.js';

describe('command timeouts', () => {
  it('are ordered from the bottom up: feed, then the Electron main process, then the renderer', () => {
    expect(COMMAND_WAIT_MS.feed).toBe(COMMAND_ACK_TIMEOUT_MS);
    expect(COMMAND_WAIT_MS.feed).toBeLessThan(COMMAND_WAIT_MS.main);
    expect(COMMAND_WAIT_MS.main).toBeLessThan(COMMAND_WAIT_MS.renderer);
  });

  it('leave the Electron main process waiting for the core as long as its own share', () => {
    const delays: number[] = [];
    const client = createCoreClient({
      post: () => undefined,
      onPush: () => undefined,
      onFailure: () => undefined,
      schedule: (delayMs) => {
        delays.push(delayMs);
        return () => undefined;
      },
    });
    void client.request(1, { op: 'command', commandId: 'cmd-1', command: { type: 'queue.end_all', queueId: 'q-1' } });
    expect(delays).toEqual([COMMAND_WAIT_MS.main]);
  });
});
