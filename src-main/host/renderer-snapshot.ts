/**
 * The console's files held in memory from the host's start (ADR 0048, addendum). A busy core
 * (a backfill, a burst of ingest) leaves the event loop few turns; a file read from disk needs
 * about five (open, stat, reads, close) and a file from memory one, so the page and each view's
 * script arrive in the time of one turn each. The snapshot is the build the host started with:
 * index.html, its entry and its chunks always agree, even when the folder is rebuilt meanwhile.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTENT_TYPES, extensionOf } from '../../src-shared/console-policy.js';

/** A file larger than this is streamed from disk as before (the console's largest is a few hundred KB). */
export const MAX_SNAPSHOT_FILE_BYTES = 4 * 1024 * 1024;

/** A chunk named by its content (esbuild's `[name]-[hash]`): its bytes never change under that name. */
const CONTENT_NAMED = /-[A-Z0-9]{8}\.m?js$/;

export interface SnapshotFile {
  readonly body: Buffer;
  /** True when the name carries the content's hash, so a browser may keep it without asking again. */
  readonly immutable: boolean;
}

/** The renderer folder's top-level files the host serves, by absolute path; `*.map` only with `sourceMaps`. */
export async function snapshotRenderer(rendererDir: string, options: { readonly sourceMaps?: boolean } = {}): Promise<ReadonlyMap<string, SnapshotFile>> {
  const names = await readdir(rendererDir).catch(() => [] as string[]);
  const wanted = names.filter((name) => extensionOf(name) in CONTENT_TYPES && (options.sourceMaps === true || !name.endsWith('.map')));
  const files = await Promise.all(
    wanted.map(async (name): Promise<readonly [string, SnapshotFile] | null> => {
      const path = join(rendererDir, name);
      const info = await stat(path).catch(() => null);
      if (info === null || !info.isFile() || info.size > MAX_SNAPSHOT_FILE_BYTES) return null;
      const body = await readFile(path).catch(() => null);
      return body === null ? null : [path, { body, immutable: CONTENT_NAMED.test(name) }];
    }),
  );
  return new Map(files.filter((file) => file !== null));
}
