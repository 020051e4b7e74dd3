/**
 * The plain-Node host's PdfRenderer (docs/decisions/0045-report-pdf-renderer.md): a headless
 * Chromium found on this computer prints a report's print document to PDF. The browser is the one
 * FLOORWATCH_PDF_BROWSER names, else the first of chromium, chromium-browser, google-chrome on the
 * PATH, looked up at each report (one installed later is found). Each report gets a private temp
 * folder (the page, a throwaway browser profile, the PDF), removed afterwards whatever happens;
 * the browser runs without network services, its whole process group killed if it outlasts the
 * timeout. The page itself forbids script and requests (its Content-Security-Policy): Chromium's
 * `--blink-settings=scriptEnabled=false` stops `--print-to-pdf` from writing anything at all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfRenderer } from '../core/reports/pdf-renderer.js';

/** The browsers looked for on the PATH, in this order. */
export const PDF_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/** Names the browser to use, overriding the PATH search. */
export const PDF_BROWSER_VARIABLE = 'FLOORWATCH_PDF_BROWSER';

const BROWSER_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-pdf-header-footer'];

/** The longest a browser may take over one PDF. */
export const CHROMIUM_PDF_TIMEOUT_MS = 45_000;

async function isProgram(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The browser to print with, or why there is none, in words. */
export async function findPdfBrowser(env: NodeJS.ProcessEnv): Promise<{ readonly path: string } | { readonly problem: string }> {
  const named = env[PDF_BROWSER_VARIABLE]?.trim();
  if (named) return (await isProgram(named)) ? { path: named } : { problem: `${PDF_BROWSER_VARIABLE} names ${named}, which is not a program on this computer` };
  const directories = (env.PATH ?? '').split(delimiter).filter((directory) => directory !== '');
  for (const name of PDF_BROWSER_NAMES) {
    for (const directory of directories) {
      const candidate = join(directory, name);
      if (await isProgram(candidate)) return { path: candidate };
    }
  }
  return { problem: `no Chromium was found on this computer to draw it (looked for ${PDF_BROWSER_NAMES.join(', ')} on the PATH; ${PDF_BROWSER_VARIABLE} can name one)` };
}

/** Ends a browser and whatever it started (its process group, where there are groups). */
function endBrowser(child: ChildProcess): void {
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Runs the browser; resolves when it exits, rejects in words when it cannot start or outlasts the timeout. */
function runBrowser(browser: string, args: readonly string[], timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends the renderer and GPU processes it started too.
    const child = spawn(browser, args, { stdio: 'ignore', detached: process.platform !== 'win32' });
    // A host that exits mid-report takes its browser with it (a group of its own outlives it otherwise).
    const onHostExit = (): void => endBrowser(child);
    process.once('exit', onHostExit);
    const settle = (): void => {
      clearTimeout(timer);
      process.removeListener('exit', onHostExit);
    };
    const timer = setTimeout(() => {
      settle();
      endBrowser(child);
      reject(new Error(`${browser} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('error', (error) => {
      settle();
      reject(new Error(`${browser} could not be started: ${error.message}`));
    });
    child.once('exit', (code) => {
      settle();
      resolve(code);
    });
  });
}

/** The renderer over the browser `env` names or the PATH holds. */
export function createChromiumPdfRenderer(env: NodeJS.ProcessEnv = process.env, timeoutMs = CHROMIUM_PDF_TIMEOUT_MS): PdfRenderer {
  return {
    async render(html) {
      const found = await findPdfBrowser(env);
      if ('problem' in found) throw new Error(found.problem);
      const dir = await mkdtemp(join(tmpdir(), 'floorwatch-pdf-'));
      try {
        const page = join(dir, 'report.html');
        const output = join(dir, 'report.pdf');
        await writeFile(page, html, { mode: 0o600 });
        const args = [...BROWSER_FLAGS, `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${output}`, pathToFileURL(page).href];
        const code = await runBrowser(found.path, args, timeoutMs);
        try {
          return await readFile(output);
        } catch {
          throw new Error(`${found.path} ended (exit code ${code ?? 'none'}) without writing a PDF`);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
