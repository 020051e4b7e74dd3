import { describe, expect, it } from 'vitest';
import { createShutdownGate } from '../../../../src-main/electron/main/shutdown-gate.js';

function harness(stop: () => Promise<void>) {
  const quits: number[] = [];
  let stops = 0;
  const gate = createShutdownGate(
    () => {
      stops += 1;
      return stop();
    },
    () => quits.push(stops),
  );
  return { gate, quits, stops: () => stops };
}

describe('createShutdownGate', () => {
  it('holds the first quit, stops the core once, then lets the next quit through', async () => {
    let finishStop!: () => void;
    const { gate, quits, stops } = harness(() => new Promise<void>((resolve) => (finishStop = resolve)));
    expect(gate.beforeQuit()).toBe(false);
    expect(gate.beforeQuit()).toBe(false);
    expect(stops()).toBe(1);
    expect(quits).toEqual([]);

    finishStop();
    await Promise.resolve();
    await Promise.resolve();
    expect(quits).toEqual([1]);
    expect(gate.beforeQuit()).toBe(true);
    expect(stops()).toBe(1);
  });

  it('still quits when stopping the core fails', async () => {
    const { gate, quits } = harness(() => Promise.reject(new Error('stuck')));
    expect(gate.beforeQuit()).toBe(false);
    await Promise.resolve();
    await Promise.resolve();
    expect(quits).toEqual([1]);
    expect(gate.beforeQuit()).toBe(true);
  });
});
