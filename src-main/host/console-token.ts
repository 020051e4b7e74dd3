/**
 * The console token lives in the data directory (owner-only), so a browser tab left open on the
 * floor reconnects by itself after the host restarts instead of needing a new link.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** A token an older version left readable by others becomes owner-only; one this user does not own stays as it is. */
function makeOwnerOnly(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not ours to change (a shared, read-only data directory): reading it is all we need.
  }
}

export function readOrCreateConsoleToken(dataDir: string): string {
  const file = join(dataDir, 'console-token');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) {
      makeOwnerOnly(file);
      return existing;
    }
  } catch {
    // No token yet (or unreadable): make a new one below.
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
