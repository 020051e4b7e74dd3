/**
 * The dashboard's PDF action: through the desktop shell's printToPdf when the page runs in the
 * desktop app (its outcome passed on, a throw told as a failure), the print dialog otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { PdfRequest } from '../../../../src-shared/api/desktop.js';
import { findPrintToPdf, printDashboard } from '../../../../src-renderer/views/insights/print-dashboard.js';

function shell(answer: (request: PdfRequest) => Promise<unknown>): { scope: object; asked: PdfRequest[] } {
  const asked: PdfRequest[] = [];
  const desktop = {
    notify: () => undefined,
    printToPdf(request: PdfRequest) {
      asked.push(request);
      return answer(request);
    },
  };
  return { scope: { floorwatch: { desktop } }, asked };
}

describe('printDashboard', () => {
  it('saves through the shell when it offers printToPdf, never opening the print dialog', async () => {
    const { scope, asked } = shell(() => Promise.resolve({ state: 'saved', path: '/home/lee/Documents/Floorwatch - Program.pdf' }));
    let dialogs = 0;
    const outcome = await printDashboard(scope, 'Program', () => (dialogs += 1));
    expect(outcome).toEqual({ state: 'saved', path: '/home/lee/Documents/Floorwatch - Program.pdf' });
    expect(asked).toEqual([{ suggestedName: 'Program' }]);
    expect(dialogs).toBe(0);
  });

  it('passes on a cancelled save and tells a failing shell as a failure', async () => {
    expect(await printDashboard(shell(() => Promise.resolve({ state: 'cancelled' })).scope, 'X', () => undefined)).toEqual({ state: 'cancelled' });
    expect(await printDashboard(shell(() => Promise.reject(new Error('no printer driver'))).scope, 'X', () => undefined)).toEqual({ state: 'failed', error: 'no printer driver' });
  });

  it('opens the print dialog in a browser or a shell without the bridge', async () => {
    for (const scope of [{}, { floorwatch: null }, { floorwatch: { desktop: {} } }, { floorwatch: { desktop: { printToPdf: 'no' } } }]) {
      let dialogs = 0;
      expect(await printDashboard(scope, 'Program', () => (dialogs += 1))).toEqual({ state: 'printDialog' });
      expect(dialogs).toBe(1);
      expect(findPrintToPdf(scope)).toBeNull();
    }
  });
});
