import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSecretVault } from '../../../../src-main/core/secrets/secret-vault.js';

describe('file secret vault', () => {
  it('keeps secrets owner-only and reads back what it wrote', () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'floorwatch-vault-')), 'secrets');
    const vault = createFileSecretVault(directory);
    expect(vault.read('audit-key')).toBeNull();
    vault.write('audit-key', 'k1');
    vault.write('audit-key', 'k2');
    expect(vault.read('audit-key')).toBe('k2');
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(join(directory, 'audit-key')).mode & 0o777).toBe(0o600);
  });

  it('refuses names that could leave its directory', () => {
    const vault = createFileSecretVault(mkdtempSync(join(tmpdir(), 'floorwatch-vault-')));
    expect(() => vault.write('../escape', 'x')).toThrow(/Bad secret name/);
  });
});
