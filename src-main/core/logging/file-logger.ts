/**
 * Rotating log files for a process (the Electron main process, the core's process, the host):
 * pino writing through pino-roll's file stream in this thread, with no transport and no worker
 * thread, so pino bundles like any other library
 * (docs/decisions/0028-log-files-and-the-desktop-shell.md). What the process already prints with
 * console.* is copied into the file too.
 */
import { format } from 'node:util';
import { pino, type Logger } from 'pino';
import roll from 'pino-roll';
import { join } from 'node:path';
import { ensurePrivateDir } from '../private-files.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { LOG_FILE_SIZE, LOG_FILES_KEPT, logLevelFrom, logsDir, type LogLevel } from './log-files.js';

export interface FileLoggerOptions {
  /** The log folder (logsDir(dataDir)); made owner-only, like the rest of the data folder. */
  readonly dir: string;
  /** The process's name: the files are `<name>.<n>.log`. */
  readonly name: string;
  readonly level: LogLevel;
  /** Size of one file before the next starts (pino-roll's units: '5m', '200k'). */
  readonly size?: string;
  /** Full files kept besides the current one. */
  readonly kept?: number;
}

export interface FileLogger {
  readonly logger: Logger;
  /** The file being written now. */
  currentFile(): string;
  /** Writes out what is buffered, synchronously: for the moment before a process exits. */
  flush(): void;
  /** Calls listener after each roll to a new file, once the files beyond the kept count are removed. */
  onRolled(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Opens (or continues) a process's log series; the newest file is appended to after a restart. */
export async function openFileLogger(options: FileLoggerOptions): Promise<FileLogger> {
  ensurePrivateDir(options.dir);
  const stream = await roll({
    file: join(options.dir, options.name),
    extension: '.log',
    size: options.size ?? LOG_FILE_SIZE,
    limit: { count: options.kept ?? LOG_FILES_KEPT, removeOtherLogFiles: true },
    mkdir: true,
  });
  const logger = pino({ level: options.level, base: { process: options.name, pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    logger,
    currentFile: () => stream.file,
    flush() {
      try {
        stream.flushSync();
      } catch {
        // Nothing written yet, or the file is already gone: there is nothing to lose.
      }
    },
    onRolled(listener) {
      stream.on('cleanup-complete', listener);
      return () => {
        stream.off('cleanup-complete', listener);
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}

/**
 * A process's log as every Floorwatch process starts it: `<dataDir>/logs/<name>.<n>.log` at the
 * level FLOORWATCH_LOG_LEVEL names, console output copied in, and a first line with what started
 * (versions, build). A folder that cannot be written leaves the process running without a file,
 * and says so on the terminal.
 */
export async function startProcessLog(dataDir: string, name: string, started: { readonly message: string; readonly fields?: Record<string, unknown> }): Promise<FileLogger | null> {
  const { level, warning } = logLevelFrom(process.env);
  try {
    const file = await openFileLogger({ dir: logsDir(dataDir), name, level });
    copyConsoleTo(file.logger);
    file.logger.info({ versions: process.versions, ...started.fields }, started.message);
    if (warning !== null) file.logger.warn(warning);
    return file;
  } catch (error) {
    console.error(`Floorwatch could not open its log file in ${logsDir(dataDir)}: ${errorMessage(error)}`);
    return null;
  }
}

const CONSOLE_LEVELS = { error: 'error', warn: 'warn', info: 'info', log: 'info', debug: 'debug' } as const;

/**
 * Copies every console.error/warn/info/log/debug line into the log as well as to the terminal, so
 * the messages the code already writes reach the file without touching each caller. Returns a
 * function that puts console back.
 */
export function copyConsoleTo(logger: Logger, target: Console = console): () => void {
  const originals = new Map<keyof typeof CONSOLE_LEVELS, (...args: unknown[]) => void>();
  for (const method of Object.keys(CONSOLE_LEVELS) as (keyof typeof CONSOLE_LEVELS)[]) {
    const original = target[method].bind(target) as (...args: unknown[]) => void;
    originals.set(method, target[method] as (...args: unknown[]) => void);
    const level = CONSOLE_LEVELS[method];
    target[method] = (...args: unknown[]) => {
      original(...args);
      logger[level](format(...args));
    };
  }
  return () => {
    for (const [method, original] of originals) target[method] = original;
  };
}
