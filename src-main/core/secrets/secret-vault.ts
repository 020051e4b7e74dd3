/**
 * Where secrets live outside the database: feed tokens and the audit chain's key. The host keeps
 * them as owner-only files; the Electron app supplies a vault that encrypts with the operating
 * system's keychain (`safeStorage`). The core only sees this interface.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../private-files.js';

export interface SecretVault {
  /** The secret stored under `name`, or null when there is none. */
  read(name: string): string | null;
  write(name: string, value: string): void;
  /** Where the secrets are kept, for messages (never the secrets themselves). */
  readonly location: string;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/u;

function checkedName(name: string): string {
  if (!NAME_PATTERN.test(name)) throw new Error(`Bad secret name "${name}": use a-z, 0-9, ".", "_" or "-"`);
  return name;
}

/** Secrets as 0600 files in a 0700 directory (the host, and tests). */
export function createFileSecretVault(directory: string): SecretVault {
  return {
    location: directory,
    read(name) {
      try {
        return readFileSync(join(directory, checkedName(name)), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new Error(`Cannot read the secret ${name} in ${directory}: ${(error as Error).message}`);
      }
    },
    write(name, value) {
      ensurePrivateDir(directory);
      writePrivateFile(join(directory, checkedName(name)), value);
    },
  };
}
