import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { row, StoreSandbox } from './fixtures.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** Starts the writer, resolves once it has committed at least `batches` batches, then kills it with SIGKILL. */
async function killWriterMidIngest(script: string, databasePath: string, batches: number, mode: 'alone' | 'checkpointer'): Promise<number> {
  const child = spawn(process.execPath, [script, databasePath, mode], {
    env: { ...process.env, NODE_PATH: join(repositoryRoot, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  let lastCommitted = 0;
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`writer exited early with ${code}: ${errors}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /^committed (\d+)$/.exec(line);
        if (!match) continue;
        lastCommitted = Number(match[1]);
        seen += 1;
        if (seen === batches) resolve();
      }
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return lastCommitted;
}

describe('store crash safety', () => {
  let sandbox: StoreSandbox;
  beforeEach(() => {
    sandbox = new StoreSandbox();
  });
  afterEach(() => sandbox.close());

  it.each(['alone', 'checkpointer'] as const)('reopens after SIGKILL mid-ingest with the position never ahead of the data (writer %s)', async (mode) => {
    const script = join(sandbox.directory, 'crash-writer.cjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'crash-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['better-sqlite3'],
      // The checkpoint worker finds better-sqlite3 from import.meta.url: give the CommonJS bundle one.
      define: { 'import.meta.url': '__bundleUrl' },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      outfile: script,
      logLevel: 'silent',
    });

    for (const round of [1, 2]) {
      const committed = await killWriterMidIngest(script, sandbox.path, 5 * round, mode);
      const store = sandbox.open();
      try {
        expect(store.recovery).toBeNull();
        expect(store.integrityCheck()).toBe('ok');
        const position = store.streamPosition('floor');
        // At least what the writer reported committed, possibly one batch more (committed, not yet printed).
        expect(position?.lastSeq).toBeGreaterThanOrEqual(committed);
        const log = row<{ count: number; max: number }>(store, "SELECT count(*) AS count, max(seq) AS max FROM events WHERE stream = 'floor'");
        expect(log).toEqual({ count: position?.lastSeq, max: position?.lastSeq });
        const created = row<{ n: number }>(store, "SELECT count(*) AS n FROM events WHERE type = 'conversation.created'")?.n;
        expect(row(store, 'SELECT count(*) AS n FROM conversations')).toEqual({ n: created });
        expect(row(store, 'SELECT count(*) AS n FROM messages')).toEqual({ n: (created ?? 0) * 2 });
        expect(store.searchMessages({ text: 'invoice', limit: 200, queueScope: WHOLE_CACHE }).length).toBe(Math.min(200, created ?? 0));
        expect(() => store.database.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run()).not.toThrow();
      } finally {
        store.close();
      }
    }
  });
});
