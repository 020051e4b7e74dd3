/** The desktop app's dashboard PDF, as the main process's handler applies it: the request it accepts, the file name, the page. */
import { describe, expect, it } from 'vitest';
import { dashboardPdfOptions, pdfFileName, pdfSaveDialogOptions, validatePdfRequest } from '../../../../src-main/electron/main/dashboard-pdf.js';

describe('dashboard PDF', () => {
  it('accepts only a short suggested name', () => {
    expect(validatePdfRequest({ suggestedName: 'Program' })).toEqual({ ok: true, value: { suggestedName: 'Program' } });
    for (const payload of [null, 'Program', {}, { suggestedName: 3 }, { suggestedName: 'x'.repeat(201) }, { suggestedName: 'x', path: '/etc/passwd' }]) {
      expect(validatePdfRequest(payload).ok).toBe(false);
    }
  });

  it('suggests a file name every desktop accepts', () => {
    expect(pdfFileName('Program', '2026-03-29')).toBe('Floorwatch - Program 2026-03-29.pdf');
    expect(pdfFileName('../a/b:c*?"<>|\u0001', '2026-03-29')).toBe('Floorwatch - a b c 2026-03-29.pdf');
    expect(pdfFileName('   ', '2026-03-29')).toBe('Floorwatch - Dashboard 2026-03-29.pdf');
  });

  it('draws A4 landscape with backgrounds and offers a PDF filter in the documents folder', () => {
    expect(dashboardPdfOptions()).toMatchObject({ landscape: true, pageSize: 'A4', printBackground: true });
    const options = pdfSaveDialogOptions('/home/lee/Documents', 'Floorwatch - Program 2026-03-29.pdf');
    expect(options.defaultPath).toBe('/home/lee/Documents/Floorwatch - Program 2026-03-29.pdf');
    expect(options.filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
  });
});
