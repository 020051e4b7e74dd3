/**
 * `npm run adapt` as people run it: the built bundle (dist/adapt/cli.mjs, built by the unit
 * suite's global setup, as `npm run adapt` builds it) on a fixture file and on standard input.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventProblem } from '../../../src-main/adapters/adapter.js';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { ROOT } from '../../support/host-process.js';
import { FIXTURES, fixtureText } from './fixtures.js';

const CLI = join(ROOT, 'dist/adapt/cli.mjs');

function run(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: input ?? '', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function events(stdout: string): FloorEventInput[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FloorEventInput);
}

describe('npm run adapt', () => {
  it('prints one canonical event a line for a file, and a summary on standard error', () => {
    const { status, stdout, stderr } = run(['--source', 'twilio', join(FIXTURES, 'twilio', 'event-callbacks.jsonl')]);
    expect(status).toBe(0);
    const printed = events(stdout);
    expect(printed).toHaveLength(8);
    for (const event of printed) expect(eventProblem(event)).toBeNull();
    expect(printed.some((event) => 'seq' in event)).toBe(false);
    expect(stderr).toBe('twilio: 8 records, 8 events, 0 skipped, 2 ignored (reservation.created 1, task.wrapup 1)\n');
  });

  it('reads standard input (no FILE, or -) and names each skipped record with its reason', () => {
    const input = fixtureText('amazon-connect', 'malformed.jsonl') + fixtureText('amazon-connect', 'contact-events.jsonl');
    for (const args of [['--source', 'amazon-connect'], ['--source', 'amazon-connect', '-']]) {
      const { status, stdout, stderr } = run(args, input);
      expect(status).toBe(0);
      expect(events(stdout)).toHaveLength(11);
      const lines = stderr.trim().split('\n');
      expect(lines).toContain('skipped line 6 (unsupported_channel): TASK');
      expect(lines.filter((line) => line.startsWith('skipped '))).toHaveLength(8);
      expect(lines.at(-1)).toBe(
        'amazon-connect: 21 records, 11 events, 8 skipped (bad_time 2, missing_field 2, not_an_object 1, not_json 1, unrecognised_record 1, unsupported_channel 1), 2 ignored (Amazon Connect Agent Event 1, CONTACT_DATA_UPDATED 1)',
      );
    }
  });

  it('reads one JSON document holding an array of records', () => {
    const { status, stdout } = run(['--source', 'genesys'], fixtureText('genesys', 'eventbridge.json'));
    expect(status).toBe(0);
    expect(events(stdout).map((event) => event.type)).toEqual(['agent.status', 'conversation.created', 'conversation.queued', 'conversation.assigned']);
  });

  it('exits 1 when the input cannot be read', () => {
    const { status, stdout, stderr } = run(['--source', 'genesys', join(FIXTURES, 'no-such-file.jsonl')]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cannot read .*no-such-file\.jsonl: /u);
  });

  it.each([
    [['genesys.jsonl'], /--source is required/u],
    [['--source', 'avaya'], /--source must be one of amazon-connect, genesys, twilio/u],
    [['--sourse', 'twilio'], /did you mean --source\?/u],
    [['--source', 'twilio', 'a.jsonl', 'b.jsonl'], /unexpected argument "b\.jsonl"/u],
  ])('refuses %j with exit code 2 and its usage', (args, message) => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: npm run -s adapt -- [options] [FILE]');
  });
});
