/**
 * The host's PDF renderer around a browser on this computer: which program it picks (the one
 * FLOORWATCH_PDF_BROWSER names, else chromium, chromium-browser, google-chrome on the PATH, in that
 * order), and how it fails in words: a named path that is no program, no browser at all, a browser
 * that writes no PDF, one that hangs (its process group killed at the timeout). Stand-in browsers
 * are small shell scripts; the real Chromium is drawn with in tests/unit/core/reports/report-pdf.test.ts.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChromiumPdfRenderer, findPdfBrowser } from '../../../src-main/host/chromium-pdf.js';
import { tempDir } from '../../support/host-process.js';

let dir: string;

beforeEach(() => {
  dir = tempDir('chromium-pdf');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An executable shell script at `folder/name`. */
function program(folder: string, name: string, body: string): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the browser that draws reports', () => {
  it('is the one FLOORWATCH_PDF_BROWSER names, else the first known name on the PATH', async () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    program(second, 'chromium', 'exit 0');
    const chrome = program(first, 'google-chrome', 'exit 0');
    const browser = program(first, 'chromium-browser', 'exit 0');
    const path = [first, second].join(':');
    // chromium comes first by name, whichever folder holds it.
    expect(await findPdfBrowser({ PATH: path })).toEqual({ path: join(second, 'chromium') });
    expect(await findPdfBrowser({ PATH: first })).toEqual({ path: browser });
    expect(await findPdfBrowser({ PATH: path, FLOORWATCH_PDF_BROWSER: chrome })).toEqual({ path: chrome });
  });

  it('says why there is none', async () => {
    program(dir, 'chromium.txt', 'exit 0');
    writeFileSync(join(dir, 'chromium'), 'not executable');
    expect(await findPdfBrowser({ PATH: dir })).toEqual({ problem: expect.stringMatching(/^no Chromium was found on this computer to draw it/u) });
    expect(await findPdfBrowser({ FLOORWATCH_PDF_BROWSER: dir })).toEqual({ problem: `FLOORWATCH_PDF_BROWSER names ${dir}, which is not a program on this computer` });
  });

  it('fails in words when the browser writes no PDF', async () => {
    const browser = program(dir, 'chromium', 'exit 3');
    await expect(createChromiumPdfRenderer({ FLOORWATCH_PDF_BROWSER: browser }).render('<p>x</p>')).rejects.toThrow(`${browser} ended (exit code 3) without writing a PDF`);
  });

  it('gives up on a browser that hangs, and ends it', async () => {
    const pidFile = join(dir, 'pid');
    const browser = program(dir, 'chromium', `echo $$ > ${pidFile}\nexec sleep 60`);
    await expect(createChromiumPdfRenderer({ FLOORWATCH_PDF_BROWSER: browser }, 300).render('<p>x</p>')).rejects.toThrow(`${browser} did not finish within 0.3 s`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Killed, then reaped: the process is gone.
    await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 10_000 });
  });

  it('hands the browser the page and takes the PDF it writes', async () => {
    // A stand-in that copies the page it is given to the --print-to-pdf path, after a PDF header.
    const browser = program(
      dir,
      'chromium',
      'for arg in "$@"; do case "$arg" in --print-to-pdf=*) out="${arg#--print-to-pdf=}";; file://*) page="${arg#file://}";; esac; done\nprintf "%%PDF-1.4\\n" > "$out"; cat "$page" >> "$out"',
    );
    const bytes = await createChromiumPdfRenderer({ FLOORWATCH_PDF_BROWSER: browser }).render('<p>figures</p>');
    expect(Buffer.from(bytes).toString('utf8')).toBe('%PDF-1.4\n<p>figures</p>');
  });
});
