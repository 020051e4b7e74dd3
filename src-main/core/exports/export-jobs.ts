/**
 * The export job: every kind of export (conversations, dashboards) runs through it. A kind gives a
 * writer that writes the file one unit at a time (a conversation, a widget); the job opens the
 * owner-only partial file, runs the writer in slices that yield with setImmediate (so queries and
 * ingest never wait long behind a large export), pushes progress, stops on cancel, moves the
 * finished file into place or deletes the partial one, keeps files for a day, and hands a finished
 * file back in pieces (text cut on a character boundary, binary as base64). Jobs are keyed by the
 * command id and kept to the user who started them.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../../src-shared/errors.js';
import { fail, ok, type Result } from '../../../src-shared/result.js';
import type { Access } from '../api/session.js';
import { deleteOldExportFiles } from '../history/export-files.js';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../private-files.js';
import { utf8Boundary } from './utf8-boundary.js';

/** Largest piece chunk() returns. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;
/** Binary pieces are whole groups of three bytes, so their base64 texts can be joined before decoding. */
const BINARY_CHUNK_BYTES = EXPORT_CHUNK_BYTES - (EXPORT_CHUNK_BYTES % 3);
const EXPORT_MAX_AGE_MS = 86_400_000;
/** Bytes kept in memory before they are written to the partial file. */
const FILE_BUFFER_BYTES = 256 * 1024;

/** Where a writer's bytes go: the partial file, through a small buffer. */
export interface ExportFile {
  write(data: string | Uint8Array): void;
}

/** Writes one kind of file a unit at a time. */
export interface ExportWriter {
  /** Writes the next unit (a conversation, a widget). */
  next(): void;
  /** After the last unit: whatever closes the file (a footer, the zip's directory). */
  end(): void;
}

/** A unit's failure told as it is (the job's message otherwise says the file could not be written). */
export class ExportUnitError extends Error {}

/** What a kind asks of the job when it starts one. */
export interface ExportJobSpec {
  /** The file's name between "floorwatch-" and the time stamp. */
  readonly stem: string;
  readonly extension: string;
  readonly mimeType: string;
  /** Pieces as base64 (a zip) rather than text. */
  readonly binary: boolean;
  /** Units the writer will write. */
  readonly total: number;
  /** The writer, given the freshly opened partial file. */
  writer(file: ExportFile): ExportWriter;
}

/** A job's state; each kind shows it in its own progress message. */
export interface ExportJobState {
  readonly exportId: string;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly fileName: string | null;
  readonly sizeBytes: number | null;
  readonly mimeType: string | null;
  readonly error: string | null;
}

export interface ExportJobsOptions<P> {
  /** The folder the files go to (owner-only). */
  readonly directory: string;
  /** Wall clock, for file names and ages. */
  readonly now: () => number;
  /** Monotonic milliseconds for slice budgets and progress pacing (default performance.now). */
  readonly clock?: () => number;
  /** Work per slice before yielding; 0 writes one unit per slice. */
  readonly sliceBudgetMs: number;
  /** Progress is pushed at most this often while running (0: at every unit); the last state always is. */
  readonly progressIntervalMs: number;
  /** Refusal given once closing. */
  readonly closingMessage: string;
  /** The kind's progress message for a state. */
  present(state: ExportJobState): P;
}

export interface ExportPiece {
  readonly data: string;
  readonly encoding: 'utf8' | 'base64';
  readonly nextOffset: number | null;
  readonly size: number;
}

interface Job<P> {
  state: ExportJobState;
  progress: P;
  readonly userId: string;
  readonly spec: ExportJobSpec;
  readonly partialPath: string;
  readonly finalPath: string;
  fd: number | null;
  writer: ExportWriter | null;
  readonly pending: (string | Uint8Array)[];
  pendingBytes: number;
  readonly listeners: Set<(progress: P) => void>;
  lastPushAt: number;
}

export class ExportJobs<P> {
  private readonly jobs = new Map<string, Job<P>>();
  private readonly clock: () => number;
  private counter = 0;
  private closed = false;

  constructor(private readonly options: ExportJobsOptions<P>) {
    this.clock = options.clock ?? (() => performance.now());
    this.privatizeExisting();
  }

  /** Files an older version left readable by others become owner-only at start. */
  private privatizeExisting(): void {
    if (!existsSync(this.options.directory)) return;
    ensurePrivateDir(this.options.directory);
    for (const name of readdirSync(this.options.directory)) {
      try {
        makePrivate(join(this.options.directory, name));
      } catch {
        // Gone meanwhile: nothing to protect.
      }
    }
  }

  /** Deletes export files older than a day (and leftovers of interrupted ones). */
  deleteOld(): number {
    const active = new Set([...this.jobs.values()].flatMap((job) => [job.partialPath, job.finalPath]));
    return deleteOldExportFiles(this.options.directory, this.options.now() - EXPORT_MAX_AGE_MS, active);
  }

  /**
   * Starts an export; the command id is the export id, so a retry answers with the running job.
   * `prepare` checks the request and says what to write (or refuses it).
   */
  start(access: Access, exportId: string, prepare: () => Result<ExportJobSpec>): Result<P> {
    const existing = this.jobs.get(exportId);
    if (existing) return existing.userId === access.userId ? ok(existing.progress) : fail(`Export ${exportId} already exists.`);
    if (this.closed) return fail(this.options.closingMessage);
    const prepared = prepare();
    if (!prepared.ok) return prepared;
    const spec = prepared.value;
    this.deleteOld();
    ensurePrivateDir(this.options.directory);
    this.counter += 1;
    const stamp = new Date(this.options.now()).toISOString().replace(/[:.]/gu, '-');
    const finalPath = join(this.options.directory, `floorwatch-${spec.stem}-${stamp}-${this.counter}.${spec.extension}`);
    const partialPath = `${finalPath}.partial`;
    const state: ExportJobState = { exportId, state: 'running', done: 0, total: spec.total, fileName: null, sizeBytes: null, mimeType: null, error: null };
    const job: Job<P> = {
      state,
      progress: this.options.present(state),
      userId: access.userId,
      spec,
      partialPath,
      finalPath,
      // Customer data: owner-only from the first byte, whatever the umask.
      fd: openSync(partialPath, 'w', PRIVATE_FILE_MODE),
      writer: null,
      pending: [],
      pendingBytes: 0,
      listeners: new Set(),
      lastPushAt: 0,
    };
    makePrivate(partialPath);
    this.jobs.set(exportId, job);
    try {
      job.writer = spec.writer({ write: (data) => this.write(job, data) });
    } catch (error) {
      this.finish(job, 'failed', failureText(error));
      return ok(job.progress);
    }
    setImmediate(() => this.slice(job));
    return ok(job.progress);
  }

  /** Stops a running export and deletes its partial file; a finished one stays as it is. */
  cancel(access: Access, exportId: string): Result<P> {
    const job = this.own(access, exportId);
    if (!job) return fail(`No export ${exportId}.`);
    if (job.state.state === 'running') this.finish(job, 'cancelled', null);
    return ok(job.progress);
  }

  /** Pushes the export's progress now and at every change; returns the way to stop. */
  watch(access: Access, exportId: string, listener: (progress: P) => void): Result<() => void> {
    const job = this.own(access, exportId);
    if (!job) return fail(`No export ${exportId}.`);
    job.listeners.add(listener);
    listener(job.progress);
    return ok(() => job.listeners.delete(listener));
  }

  /**
   * Up to 256 KiB of a finished file from a byte offset: text cut on a character boundary, binary
   * as base64. nextOffset is where the next piece starts (null at the end).
   */
  chunk(access: Access, exportId: string, offset: number): Result<ExportPiece> {
    const job = this.own(access, exportId);
    if (!job) return fail(`No export ${exportId}.`);
    if (job.state.state !== 'done') return fail(`Export ${exportId} is ${job.state.state}; only a finished export can be downloaded.`);
    let fd: number;
    try {
      fd = openSync(job.finalPath, 'r');
    } catch {
      return fail(`Export ${exportId} is no longer on disk (exports are kept for a day).`);
    }
    try {
      const size = fstatSync(fd).size;
      if (offset > size) return fail(`Offset ${offset} is past the end of the file (${size} bytes).`);
      const binary = job.spec.binary;
      const buffer = Buffer.alloc(Math.min(binary ? BINARY_CHUNK_BYTES : EXPORT_CHUNK_BYTES, size - offset));
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (binary) return ok({ data: buffer.toString('base64', 0, read), encoding: 'base64', nextOffset: offset + read >= size ? null : offset + read, size });
      if (read > 0 && ((buffer[0] ?? 0) & 0xc0) === 0x80) return fail(`Offset ${offset} is inside a character; continue from the nextOffset returned.`);
      const end = offset + read >= size ? read : utf8Boundary(buffer, read);
      return ok({ data: buffer.toString('utf8', 0, end), encoding: 'utf8', nextOffset: offset + end >= size ? null : offset + end, size });
    } finally {
      closeSync(fd);
    }
  }

  /** An export's progress, whoever asks (for the owning area's own use). */
  progress(exportId: string): P | undefined {
    return this.jobs.get(exportId)?.progress;
  }

  /** Cancels running exports (their partial files are deleted) and refuses new ones. */
  close(): void {
    this.closed = true;
    for (const job of this.jobs.values()) if (job.state.state === 'running') this.finish(job, 'cancelled', null);
  }

  private own(access: Access, exportId: string): Job<P> | null {
    const job = this.jobs.get(exportId);
    return job && job.userId === access.userId ? job : null;
  }

  private write(job: Job<P>, data: string | Uint8Array): void {
    if (job.fd === null) throw new Error('The export is no longer running.');
    job.pending.push(data);
    job.pendingBytes += typeof data === 'string' ? data.length * 3 : data.byteLength;
    if (job.pendingBytes >= FILE_BUFFER_BYTES) this.flush(job);
  }

  private flush(job: Job<P>): void {
    if (job.fd === null || job.pending.length === 0) return;
    const pieces = job.pending.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece));
    job.pending.length = 0;
    job.pendingBytes = 0;
    const bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : Buffer.concat(pieces);
    for (let offset = 0; offset < bytes.byteLength; ) offset += writeSync(job.fd, bytes, offset);
  }

  private slice(job: Job<P>): void {
    const writer = job.writer;
    if (job.state.state !== 'running' || writer === null) return;
    const started = this.clock();
    let done = job.state.done;
    try {
      do {
        writer.next();
        done += 1;
        // Cancelled by what the unit did (a listener, close()): nothing more is written.
        if (job.state.state !== 'running') return;
      } while (done < job.state.total && this.clock() - started < this.options.sliceBudgetMs);
      if (done >= job.state.total) {
        writer.end();
        this.flush(job);
        this.finish(job, 'done', null);
        return;
      }
      this.flush(job);
    } catch (error) {
      if (job.state.state === 'running') this.finish(job, 'failed', failureText(error));
      return;
    }
    this.update(job, { ...job.state, done });
    setImmediate(() => this.slice(job));
  }

  private finish(job: Job<P>, state: 'done' | 'cancelled' | 'failed', error: string | null): void {
    if (job.fd !== null) {
      closeSync(job.fd);
      job.fd = null;
    }
    job.writer = null;
    job.pending.length = 0;
    if (state === 'done') {
      renameSync(job.partialPath, job.finalPath);
      const fileName = job.finalPath.slice(this.options.directory.length + 1);
      this.update(job, { ...job.state, state, done: job.state.total, fileName, sizeBytes: statSync(job.finalPath).size, mimeType: job.spec.mimeType }, true);
      return;
    }
    try {
      unlinkSync(job.partialPath);
    } catch {
      // Already gone.
    }
    this.update(job, { ...job.state, state, error }, true);
  }

  private update(job: Job<P>, state: ExportJobState, always = false): void {
    job.state = state;
    job.progress = this.options.present(state);
    const now = this.clock();
    if (!always && now - job.lastPushAt < this.options.progressIntervalMs) return;
    job.lastPushAt = now;
    for (const listener of job.listeners) listener(job.progress);
  }
}

function failureText(error: unknown): string {
  return error instanceof ExportUnitError ? error.message : `Writing the file failed: ${errorMessage(error)}`;
}
