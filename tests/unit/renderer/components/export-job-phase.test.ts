/**
 * The phases every export dialog goes through (hooks/export-job-phase.ts): progress moves a
 * running export on and never undoes a later phase, a failure says why, and the bar's percent.
 * The dialogs themselves run in Chromium (history-offline.e2e.ts, insights.e2e.ts).
 */
import { describe, expect, it } from 'vitest';
import { exportPercent, phaseAfterProgress, phasePercent, phaseProgress, type ExportJobProgress, type ExportPhase } from '../../../../src-renderer/hooks/export-job-phase.js';

interface Progress extends ExportJobProgress {
  readonly done: number;
  readonly total: number;
}

const progress = (state: Progress['state'], done: number, error: string | null = null): Progress => ({ exportId: 'e-1', state, done, total: 4, fileName: state === 'done' ? 'f.csv' : null, mimeType: null, error });
const share = (p: Progress): number => exportPercent(p.done, p.total);

describe('export phases', () => {
  it('moves a starting or running export on with each message', () => {
    let phase: ExportPhase<Progress> = { step: 'starting' };
    for (const done of [0, 1, 3]) {
      phase = phaseAfterProgress(phase, progress('running', done), 'failed');
      expect(phase).toEqual({ step: 'running', progress: progress('running', done) });
    }
    expect(phasePercent(phase, share)).toBe(75);
    expect(phaseProgress(phase)?.done).toBe(3);
  });

  it('never lets a late message undo saving, saved or a choice not yet made', () => {
    const saving: ExportPhase<Progress> = { step: 'saving', progress: progress('done', 4), received: 10 };
    expect(phaseAfterProgress(saving, progress('running', 2), 'failed')).toBe(saving);
    expect(phaseAfterProgress(saving, progress('cancelled', 2), 'failed')).toBe(saving);
    expect(phaseAfterProgress(saving, progress('done', 4), 'failed')).toBe(saving);
    const choose: ExportPhase<Progress> = { step: 'choose' };
    expect(phaseAfterProgress(choose, progress('running', 1), 'failed')).toBe(choose);
    expect(phasePercent(saving, share)).toBe(100);
    expect(phasePercent(choose, share)).toBe(0);
  });

  it('ends cancelled, or failed with the core\'s reason or the dialog\'s words', () => {
    const running: ExportPhase<Progress> = { step: 'running', progress: progress('running', 1) };
    expect(phaseAfterProgress(running, progress('cancelled', 1), 'failed')).toEqual({ step: 'cancelled' });
    expect(phaseAfterProgress(running, progress('failed', 1, 'disk full'), 'The export failed.')).toEqual({ step: 'failed', error: 'disk full' });
    expect(phaseAfterProgress(running, progress('failed', 1), 'The export failed.')).toEqual({ step: 'failed', error: 'The export failed.' });
    expect(phaseProgress({ step: 'cancelled' })).toBeNull();
  });

  it('keeps the percent within 0–100', () => {
    expect(exportPercent(0, 0)).toBe(0);
    expect(exportPercent(1, 0)).toBe(100);
    expect(exportPercent(5, 10)).toBe(50);
    expect(exportPercent(15, 10)).toBe(100);
  });
});
