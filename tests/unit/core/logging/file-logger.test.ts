import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyConsoleTo, openFileLogger } from '../../../../src-main/core/logging/file-logger.js';
import { logLevelFrom, logsDir, newestLogFile, tailLines } from '../../../../src-main/core/logging/log-files.js';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-logs-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function records(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('openFileLogger', () => {
  it('writes JSON lines into <dataDir>/logs/<name>.1.log at the chosen level', async () => {
    const file = await openFileLogger({ dir: logsDir(dataDir), name: 'core', level: 'info' });
    file.logger.debug('not at info');
    file.logger.info({ queueId: 'q-1' }, 'feed connected');
    file.flush();
    await file.close();
    const written = records(join(dataDir, 'logs', 'core.1.log'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 30, msg: 'feed connected', queueId: 'q-1', process: 'core' });
    expect(typeof written[0]?.time).toBe('string');
  });

  it('continues the newest file after a restart', async () => {
    const first = await openFileLogger({ dir: logsDir(dataDir), name: 'main', level: 'info' });
    first.logger.info('first run');
    await first.close();
    const second = await openFileLogger({ dir: logsDir(dataDir), name: 'main', level: 'info' });
    second.logger.info('second run');
    await second.close();
    expect(records(join(dataDir, 'logs', 'main.1.log')).map((record) => record.msg)).toEqual(['first run', 'second run']);
  });

  it('rolls to the next file past the size and keeps only the newest files', async () => {
    const file = await openFileLogger({ dir: logsDir(dataDir), name: 'core', level: 'info', size: '1k', kept: 2 });
    let rolls = 0;
    let rolled = (): void => undefined;
    file.onRolled(() => {
      rolls += 1;
      rolled();
    });
    while (rolls < 4) {
      const next = new Promise<void>((resolve) => {
        rolled = resolve;
      });
      for (let index = 0; index < 20; index += 1) file.logger.info({ index, padding: 'x'.repeat(40) }, 'line');
      await next;
    }
    await file.close();
    const names = readdirSync(logsDir(dataDir)).filter((name) => name.startsWith('core.'));
    const newest = newestLogFile(names, 'core');
    expect(newest).toBe('core.5.log');
    // The newest files are kept and the oldest removed. pino-roll removes old files in the
    // background, so core.3 may already be gone when the fifth file opens.
    expect(names).toEqual(expect.arrayContaining(['core.4.log', 'core.5.log']));
    expect(names.every((name) => ['core.3.log', 'core.4.log', 'core.5.log'].includes(name))).toBe(true);
  });
});

describe('copyConsoleTo', () => {
  it('copies console lines into the log and restores console afterwards', async () => {
    const file = await openFileLogger({ dir: logsDir(dataDir), name: 'main', level: 'info' });
    const printed: string[] = [];
    const fake = { error: (...args: unknown[]) => printed.push(args.join(' ')), warn: () => undefined, info: () => undefined, log: () => undefined, debug: () => undefined } as unknown as Console;
    const originalError = fake.error;
    const restore = copyConsoleTo(file.logger, fake);
    fake.error('The core could not start: %s', 'EACCES');
    restore();
    fake.error('after restore');
    await file.close();
    expect(printed).toEqual(['The core could not start: %s EACCES', 'after restore']);
    expect(fake.error).toBe(originalError);
    expect(records(join(dataDir, 'logs', 'main.1.log'))).toEqual([expect.objectContaining({ level: 50, msg: 'The core could not start: EACCES' })]);
  });
});

describe('log-files', () => {
  it('reads the level from FLOORWATCH_LOG_LEVEL, warning about an unknown one', () => {
    expect(logLevelFrom({})).toEqual({ level: 'info', warning: null });
    expect(logLevelFrom({ FLOORWATCH_LOG_LEVEL: 'DEBUG' })).toEqual({ level: 'debug', warning: null });
    expect(logLevelFrom({ FLOORWATCH_LOG_LEVEL: 'verbose' })).toMatchObject({ level: 'info', warning: expect.stringContaining('verbose') });
  });

  it('finds the newest file of a series by number, not by name order', () => {
    expect(newestLogFile(['core.9.log', 'core.10.log', 'main.12.log', 'core.2.log', 'notes.txt'], 'core')).toBe('core.10.log');
    expect(newestLogFile(['main.1.log'], 'core')).toBeNull();
  });

  it('takes the last lines of a text', () => {
    expect(tailLines('a\nb\nc\n', 2)).toEqual(['b', 'c']);
    expect(tailLines('a\r\nb', 5)).toEqual(['a', 'b']);
    expect(tailLines('a', 0)).toEqual([]);
  });
});
