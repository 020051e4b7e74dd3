/**
 * The live floor's checkpoint as a file of its own (ADR 0049, addendum "The checkpoint off the
 * thread"): serializeLiveState's text in `<dataDir>/live-floor/live-floor-<seq>-<tag>.json`, and in
 * the store's checkpoints row a small pointer `{"file":"…","sha1":"…"}` with the row's seq and epoch.
 *
 * Crash-safe by order: the text goes to `<name>.tmp`, is flushed to disk and renamed (atomic), and
 * only then does the row point to it; the file the row pointed to before is removed after. A crash
 * at any step leaves the row on a complete file (the old or the new one) whose seq the event log
 * still holds everything after (retention keeps the log from the row's seq). A `.tmp` or a file no
 * row names is a leftover, removed when the floor opens. The digest in the row makes a file damaged
 * later restore only after full validation (sealed-checkpoint.ts), and fail loudly when torn.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { LiveState } from './state.js';
import { restoreDigested, unsealLiveState } from './sealed-checkpoint.js';
import type { CheckpointText } from './checkpoint-text.js';

/** The checkpoint directory's name inside the data directory. */
export const CHECKPOINT_DIR_NAME = 'live-floor';

const FILE_PATTERN = /^live-floor-\d+-[0-9a-f]{8}\.json$/;
const LEFTOVER_PATTERN = /^live-floor-\d+-[0-9a-f]{8}\.json(\.tmp)?$/;
const TEMP_SUFFIX = '.tmp';
const POINTER_START = '{"file":"';

const pointerSchema = z.object({ file: z.string().regex(FILE_PATTERN), sha1: z.string().regex(/^[0-9a-f]{40}$/) });

/** What the checkpoints row holds when the state is in a file. */
export type CheckpointPointer = z.infer<typeof pointerSchema>;

/** The row's text for a checkpoint file (valid JSON, as the checkpoints table requires). */
export function pointerText(pointer: CheckpointPointer): string {
  return JSON.stringify({ file: pointer.file, sha1: pointer.sha1 });
}

/** The pointer a row holds, or null when the row holds the state itself (an older checkpoint). */
export function readPointer(stored: string): CheckpointPointer | null {
  if (!stored.startsWith(POINTER_START)) return null;
  const parsed = pointerSchema.safeParse(JSON.parse(stored));
  if (!parsed.success) throw new Error(`Live state checkpoint pointer is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The live state a checkpoints row leads to: the file it points to, or the state inside the row
 * (sealed or plain, as builds before the file wrote it). Throws when either is damaged.
 */
export function restoreCheckpoint(stored: string, dir: string | undefined): LiveState {
  const pointer = readPointer(stored);
  if (pointer === null) return unsealLiveState(stored);
  if (dir === undefined) throw new Error(`Live state checkpoint is in file ${pointer.file}, and no checkpoint directory was given`);
  return restoreDigested(readFileSync(join(dir, pointer.file), 'utf8'), pointer.sha1);
}

function fileNameFor(seq: number): string {
  return `live-floor-${seq}-${randomBytes(4).toString('hex')}.json`;
}

/**
 * Writes a checkpoint's text to a new file asynchronously (libuv's pool; the core's thread only
 * hands it the pieces), flushed and renamed into place. Null when cancelled before the rename; the
 * partial file is then removed.
 */
export async function writeCheckpointFile(dir: string, seq: number, text: CheckpointText, cancelled: () => boolean): Promise<CheckpointPointer | null> {
  await mkdir(dir, { recursive: true });
  const file = fileNameFor(seq);
  const temp = join(dir, file + TEMP_SUFFIX);
  const handle = await open(temp, 'w');
  let complete = false;
  try {
    for (const part of text.parts) {
      if (cancelled()) break;
      await handle.writeFile(part);
    }
    if (!cancelled()) {
      await handle.sync();
      complete = true;
    }
  } finally {
    await handle.close();
    if (!complete) await rm(temp, { force: true });
  }
  if (!complete) return null;
  await rename(temp, join(dir, file));
  await syncDirectory(dir);
  return { file, sha1: text.digest };
}

/** The same on this thread (closing, a snapshot): the text is written, flushed and renamed at once. */
export function writeCheckpointFileNow(dir: string, seq: number, text: string, digest: string): CheckpointPointer {
  mkdirSync(dir, { recursive: true });
  const file = fileNameFor(seq);
  const temp = join(dir, file + TEMP_SUFFIX);
  const fd = openSync(temp, 'w');
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, join(dir, file));
  syncDirectoryNow(dir);
  return { file, sha1: digest };
}

/** Removes one checkpoint file (one no row names any more). */
export async function removeCheckpointFile(dir: string, file: string): Promise<void> {
  await rm(join(dir, file), { force: true });
}

/** The same on this thread. */
export function removeCheckpointFileNow(dir: string, file: string): void {
  rmSync(join(dir, file), { force: true });
}

/** Removes every checkpoint file and leftover `.tmp` but `keep` (when the floor opens). */
export function removeCheckpointFilesExcept(dir: string, keep: string | null): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name !== keep && LEFTOVER_PATTERN.test(name)) rmSync(join(dir, name), { force: true });
  }
}

/** Makes a rename durable: the directory's entry is flushed too (where the platform allows it). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for flushing; its rename is flushed with the volume's journal.
  }
}

function syncDirectoryNow(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // As syncDirectory.
  }
}
