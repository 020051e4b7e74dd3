/**
 * The console token lives in the data directory (owner-only), so a browser tab left open on the
 * floor reconnects by itself after the host restarts instead of needing a new link. A rotation
 * writes a new one there, so a leaked link stops working for good, also after a restart.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../core/private-files.js';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** A token an older version left readable by others becomes owner-only; one this user does not own stays as it is. */
function makeOwnerOnly(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not ours to change (a shared, read-only data directory): reading it is all we need.
  }
}

/** Where the console token of a data directory is kept. */
export function consoleTokenFile(dataDir: string): string {
  return join(dataDir, 'console-token');
}

/** The token of the last start, or a new one when there is none (or it is damaged or guessable). */
export function readOrCreateConsoleToken(dataDir: string): string {
  try {
    const file = consoleTokenFile(dataDir);
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) {
      makeOwnerOnly(file);
      return existing;
    }
  } catch {
    // No token yet (or unreadable): make a new one below.
  }
  return writeNewConsoleToken(dataDir);
}

/**
 * Makes a new random token and stores it (0600 in a 0700 directory, written atomically).
 * Used for the first start and for a rotation: the old token is gone from disk at once.
 */
export function writeNewConsoleToken(dataDir: string): string {
  const token = randomBytes(24).toString('base64url');
  writePrivateFile(consoleTokenFile(dataDir), `${token}\n`);
  return token;
}
