/**
 * Where Floorwatch's log files live and how they are named, read and trimmed: `<dataDir>/logs/`,
 * one rolling series per process (`main.1.log`, `core.3.log`, …, pino-roll's names). Pure, so the
 * desktop shell's "Report a problem" and the tests read logs the same way.
 */
import { join } from 'node:path';

/** Levels a log can be set to, most to least verbose, plus silent. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** One file's largest size before the next one starts, and how many full files are kept besides. */
export const LOG_FILE_SIZE = '5m';
export const LOG_FILES_KEPT = 5;

/** The data folder's log folder: what "Open logs folder" opens. */
export function logsDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/**
 * The level from `FLOORWATCH_LOG_LEVEL` (any case); unset or unknown gives info, with the unknown
 * value reported so a typo does not silently hide debug lines.
 */
export function logLevelFrom(env: Readonly<Record<string, string | undefined>>): { readonly level: LogLevel; readonly warning: string | null } {
  const raw = env.FLOORWATCH_LOG_LEVEL?.trim().toLowerCase();
  if (raw === undefined || raw === '') return { level: DEFAULT_LOG_LEVEL, warning: null };
  const known = LOG_LEVELS.find((level) => level === raw);
  if (known !== undefined) return { level: known, warning: null };
  return { level: DEFAULT_LOG_LEVEL, warning: `FLOORWATCH_LOG_LEVEL=${raw} is not one of ${LOG_LEVELS.join(', ')}; logging at ${DEFAULT_LOG_LEVEL}.` };
}

/** The newest file of one process's series among a folder's names (the highest number), or null. */
export function newestLogFile(fileNames: readonly string[], processName: string): string | null {
  const pattern = new RegExp(`^${processName.replace(/[^\w-]/g, '')}\\.(\\d+)\\.log$`);
  let best: { readonly name: string; readonly number: number } | null = null;
  for (const name of fileNames) {
    const match = pattern.exec(name);
    if (match === null) continue;
    const number = Number(match[1]);
    if (best === null || number > best.number) best = { name, number };
  }
  return best?.name ?? null;
}

/** The last `count` lines of a text (a trailing newline does not count as an empty last line). */
export function tailLines(text: string, count: number): string[] {
  if (count <= 0) return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-count);
}
