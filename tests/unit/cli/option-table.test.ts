import { describe, expect, it } from 'vitest';
import { helpText, markdownTable, parseCommandLine, parseOptions, suggestOption, UsageError, type ProgramOptions } from '../../../src-main/cli/option-table.js';
import { HOST_PROGRAM, PROGRAMS } from '../../../src-main/cli/programs.js';

const PROGRAM: ProgramOptions = {
  command: 'demo',
  title: 'A demo program.',
  options: [
    { name: 'feed-url', type: 'string', value: 'URL', env: 'DEMO_FEED_URL', help: 'where the feed is' },
    { name: 'port', type: 'string', value: 'N', default: '7300', help: 'port' },
    { name: 'open', type: 'boolean', help: 'open a browser' },
  ],
  retired: { role: 'role comes from the feed' },
};

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseOptions', () => {
  it('reads options, then environment variables, then defaults', () => {
    expect(parseOptions(PROGRAM, ['--feed-url', 'ws://a', '--open'])).toEqual({ 'feed-url': 'ws://a', port: '7300', open: true });
    expect(parseOptions(PROGRAM, ['--port=1'], { DEMO_FEED_URL: 'ws://env' })).toEqual({ 'feed-url': 'ws://env', port: '1', open: false });
    expect(parseOptions(PROGRAM, ['--feed-url', 'ws://flag'], { DEMO_FEED_URL: 'ws://env' })['feed-url']).toBe('ws://flag');
  });

  it('refuses a typo with exit code 2 and suggests the option meant', () => {
    const error = usageError(() => parseOptions(PROGRAM, ['--feedurl', 'ws://a']));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('unknown option --feedurl; did you mean --feed-url?');
    expect(usageError(() => parseOptions(PROGRAM, ['--prot', '1'])).message).toBe('unknown option --prot; did you mean --port?');
    expect(usageError(() => parseOptions(PROGRAM, ['--zzzzzzzz'])).message).toBe('unknown option --zzzzzzzz');
    expect(usageError(() => parseOptions(PROGRAM, ['-p', '1'])).message).toMatch(/^unknown option -p/u);
  });

  it('refuses stray arguments, missing values and retired options', () => {
    expect(usageError(() => parseOptions(PROGRAM, ['7300'])).message).toMatch(/unexpected argument "7300"/u);
    expect(usageError(() => parseOptions(PROGRAM, ['--port'])).message).toMatch(/--port/u);
    expect(usageError(() => parseOptions(PROGRAM, ['--open=yes'])).message).toMatch(/--open/u);
    expect(usageError(() => parseOptions(PROGRAM, ['--role', 'admin'])).message).toBe('--role is no longer supported: role comes from the feed');
  });
});

describe('parseCommandLine', () => {
  it('takes as many operands as the program declares, and refuses one more', () => {
    const withFile: ProgramOptions = { ...PROGRAM, operands: [{ name: 'FILE', help: 'records to read' }] };
    expect(parseCommandLine(withFile, ['--open', 'in.jsonl'])).toEqual({ values: { 'feed-url': undefined, port: '7300', open: true }, operands: ['in.jsonl'] });
    expect(parseCommandLine(withFile, ['--port', '1'])).toMatchObject({ operands: [] });
    expect(usageError(() => parseCommandLine(withFile, ['a', 'b'])).message).toMatch(/unexpected argument "b"/u);
    expect(helpText(withFile)).toContain('Usage: demo [options] [FILE]');
  });
});

describe('suggestOption', () => {
  it('matches names without dashes or case, and near misses only', () => {
    expect(suggestOption('FEED_URL', ['feed-url', 'feed-token'])).toBe('feed-url');
    expect(suggestOption('feed-tokn', ['feed-url', 'feed-token'])).toBe('feed-token');
    expect(suggestOption('colour', ['feed-url', 'port'])).toBeNull();
  });
});

describe('help and README tables from one table', () => {
  it('prints every option with its default and environment variable', () => {
    const text = helpText(PROGRAM);
    expect(text).toContain('Usage: demo [options]');
    expect(text).toMatch(/--feed-url URL +where the feed is \(env DEMO_FEED_URL\)/u);
    expect(text).toMatch(/--port N +port \(default 7300\)/u);
    expect(markdownTable(PROGRAM).split('\n')).toContain('| `--feed-url URL` | `DEMO_FEED_URL` |  | where the feed is |');
  });

  it('gives each program distinct option names, a help option and text for each', () => {
    for (const { program } of PROGRAMS) {
      const names = program.options.map((option) => option.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('help');
      for (const option of program.options) expect(option.help.length).toBeGreaterThan(3);
    }
    expect(helpText(HOST_PROGRAM)).toContain('--lan-max-connections N');
  });
});
