/**
 * Files that hold customer data or secrets are the user's alone: 0600 in a 0700 directory, whatever
 * the process umask (docs/security.md). Every file the core writes goes through these.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and parents) and makes it owner-only; chmod because mkdir's mode is masked. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only (SQLite creates its own files with the umask's mode). */
export function makePrivate(path: string): void {
  chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * Writes a whole file owner-only and atomically (temporary file, then rename), so a reader never
 * sees half a secret and a crash leaves the old content.
 */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  ensurePrivateDir(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(temporary, PRIVATE_FILE_MODE);
  renameSync(temporary, path);
}
