import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOrCreateConsoleToken } from '../../../src-main/host/console-token.js';
import { tempDir } from '../../support/host-process.js';

describe('console token', () => {
  it('is created once, owner-only, and reused on the next start', () => {
    const dir = tempDir('token');
    const first = readOrCreateConsoleToken(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(join(dir, 'console-token')).mode & 0o777).toBe(0o600);
    expect(readOrCreateConsoleToken(dir)).toBe(first);
  });

  it('replaces a damaged or guessable token file', () => {
    const dir = tempDir('token-bad');
    writeFileSync(join(dir, 'console-token'), 'short\n');
    const token = readOrCreateConsoleToken(dir);
    expect(token).not.toBe('short');
    expect(readFileSync(join(dir, 'console-token'), 'utf8').trim()).toBe(token);
  });
});
