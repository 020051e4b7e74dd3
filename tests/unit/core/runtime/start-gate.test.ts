import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStartGate } from '../../../../src-main/core/runtime/start-gate.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the start gate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds background work until the first answer, then runs it once, after that turn', async () => {
    const gate = createStartGate(60_000);
    const ran: string[] = [];
    gate.afterStart(() => ran.push('figures'));
    gate.afterStart(() => ran.push('retention'));
    await nextTurn();
    expect(ran).toEqual([]);
    gate.open();
    expect(ran).toEqual([]);
    await nextTurn();
    expect(ran).toEqual(['figures', 'retention']);
    gate.open();
    await nextTurn();
    expect(ran).toEqual(['figures', 'retention']);
    gate.afterStart(() => ran.push('later'));
    expect(ran).toEqual(['figures', 'retention', 'later']);
  });

  it('opens on its own when nobody asks, and a task that throws does not stop the others', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const gate = createStartGate(5_000);
    const ran: string[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    gate.afterStart(() => {
      throw new Error('broken');
    });
    gate.afterStart(() => ran.push('figures'));
    vi.advanceTimersByTime(4_999);
    await nextTurn();
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    await nextTurn();
    expect(ran).toEqual(['figures']);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });

  it('drops the waiting work when the core closes first', async () => {
    const gate = createStartGate(60_000);
    const ran: string[] = [];
    gate.afterStart(() => ran.push('figures'));
    gate.close();
    gate.open();
    await nextTurn();
    expect(ran).toEqual([]);
  });
});
