/**
 * The console token lives in the data directory (owner-only), so a browser tab left open on the
 * floor reconnects by itself after the host restarts instead of needing a new link.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

export function readOrCreateConsoleToken(dataDir: string): string {
  const file = join(dataDir, 'console-token');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) return existing;
  } catch {
    // No token yet (or unreadable): make a new one below.
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
