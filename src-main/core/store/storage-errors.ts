/**
 * Failures of the cache's storage rather than of its data: a directory this user may not write, a
 * read-only file system, a full disk. SQLite reports most of them as "unable to open database
 * file" or "attempt to write a readonly database", which names neither the file nor the cause, so
 * the store probes the directory for the operating system's own reason and says both.
 */
import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CacheWriteFault } from '../../../src-shared/api/live.js';

const OS_CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied: this user may not write there',
  EPERM: 'operation not permitted: the directory or file belongs to another user',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the directory does not exist and cannot be created',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EIO: 'the disk reported an input/output error',
};

const SQLITE_CAUSES: Readonly<Record<string, string>> = {
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_CANTOPEN: 'the database file cannot be opened or created',
  SQLITE_IOERR: 'the disk reported an input/output error',
  SQLITE_PERM: 'permission denied',
};

/** The storage cause of an error (an errno or SQLite code), or null when it is something else. */
export function storageCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code in OS_CAUSES) return code;
  const primary = Object.keys(SQLITE_CAUSES).find((known) => code === known || code.startsWith(`${known}_`));
  return primary === undefined ? null : code;
}

/**
 * The operating system's reason a directory cannot take writes, found by writing (and removing) a
 * small probe file; null when the write succeeds.
 */
export function probeDirectory(directory: string): string | null {
  const probe = join(directory, `.floorwatch-write-probe-${process.pid}`);
  let fd: number | null = null;
  try {
    fd = openSync(probe, 'w', 0o600);
    writeSync(fd, Buffer.alloc(4_096));
    return null;
  } catch (error) {
    return storageCode(error) ?? ((error as { code?: string }).code ?? 'EIO');
  } finally {
    if (fd !== null) closeSync(fd);
    rmSync(probe, { force: true });
  }
}

function causeText(code: string): string {
  if (code in OS_CAUSES) return OS_CAUSES[code] as string;
  const primary = Object.keys(SQLITE_CAUSES).find((known) => code === known || code.startsWith(`${known}_`));
  return primary === undefined ? code : (SQLITE_CAUSES[primary] as string);
}

/**
 * The cache's storage cannot be used: says which path and why, with the operating system's code
 * when SQLite's own hides it (SQLITE_CANTOPEN on a read-only directory is EACCES or EROFS).
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  /** The most telling code: the operating system's when known, else SQLite's. */
  readonly code: string;

  constructor(
    readonly path: string,
    readonly doing: string,
    readonly osCode: string | null,
    readonly sqliteCode: string | null,
    override readonly cause: unknown,
  ) {
    const code = osCode ?? sqliteCode ?? 'EIO';
    const codes = [osCode, sqliteCode].filter((part): part is string => part !== null).join(', ');
    super(
      `Cannot ${doing} the cache at ${path}: ${causeText(code)} (${codes}). ` +
        'Free disk space, make the data directory writable by this user, or choose another with --data-dir.',
    );
    this.code = code;
  }
}

/**
 * Names the path and the cause of a storage failure met while `doing` something to the database
 * at `path`; any other error is returned unchanged.
 */
export function explainStorageError(error: unknown, path: string, doing: string): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const code = storageCode(error);
  if (code === null) return error;
  if (!code.startsWith('SQLITE_')) return new StorageUnavailableError(pathOf(error) ?? path, doing, code, null, error);
  const directory = dirname(path);
  const osCode = existsSync(directory) ? probeDirectory(directory) : 'ENOENT';
  return new StorageUnavailableError(osCode === null ? path : directory, doing, osCode, code, error);
}

function pathOf(error: unknown): string | null {
  const path = (error as { path?: unknown } | null)?.path;
  return typeof path === 'string' ? path : null;
}

/** The status form of a storage failure: what the UI shows until the next write succeeds. */
export function writeFaultOf(error: StorageUnavailableError, since: number): CacheWriteFault {
  return { path: error.path, code: error.code, message: error.message, since };
}
