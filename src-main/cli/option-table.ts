/**
 * Command lines from one table per program (docs/decisions/0030-locale-and-option-tables.md).
 *
 * Each program (the host, the simulator, the staffing calculator, `npm start`) declares its
 * options once: name, type, default, environment variable, help. The same table parses the
 * command line strictly (an unknown option is an error that suggests the nearest name, exit code
 * 2), prints `--help` and writes the README's option table, so the three cannot drift apart.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  /** The long name without dashes: `feed-url`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** What the value stands for in help: `URL`, `N`. Strings only. */
  readonly value?: string;
  /** Applied when the option is absent (and its environment variable too, where it has one). */
  readonly default?: string;
  /** The default as people read it, when it is not a plain value ("the embedded simulator"). */
  readonly defaultText?: string;
  /** The environment variable read when the option is absent. */
  readonly env?: string;
  readonly help: string;
}

export interface ProgramOptions {
  /** How the program is started: `npm run sim --`. */
  readonly command: string;
  /** One line saying what the program is. */
  readonly title: string;
  readonly options: readonly OptionSpec[];
  /** Lines printed after the options in `--help`. */
  readonly notes?: readonly string[];
  /** Options that once existed, refused with their own message rather than "unknown option". */
  readonly retired?: Readonly<Record<string, string>>;
  /** Arguments that are not options (`FILE`), each optional, in order; without them a stray argument is an error. */
  readonly operands?: readonly OperandSpec[];
}

/** An argument that is not an option: `FILE`. */
export interface OperandSpec {
  /** What the argument stands for in help: `FILE`. */
  readonly name: string;
  readonly help: string;
}

/** A bad command line: the message says what is wrong; programs exit with code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** Edit distance between two names, a swap of neighbours counting once, to suggest what a typo meant. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = rows[i]!;
      const above = rows[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known option a mistyped one most likely meant: same letters without dashes or case
 * (`--feedurl`, `--Feed_URL`), else the nearest name within a third of its length. Null if none is close.
 */
export function suggestOption(unknown: string, known: readonly string[]): string | null {
  const squash = (name: string): string => name.toLowerCase().replace(/[-_]/gu, '');
  const wanted = unknown.replace(/^-+/u, '');
  const same = known.find((name) => squash(name) === squash(wanted));
  if (same !== undefined) return same;
  let best: { name: string; cost: number } | null = null;
  for (const name of known) {
    const cost = distance(wanted.toLowerCase(), name);
    if (best === null || cost < best.cost) best = { name, cost };
  }
  return best !== null && best.cost <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : null;
}

/**
 * Parses `argv` against the program's table. Unknown options, a missing value, a value given to
 * a switch and stray positional arguments are UsageErrors; absent options take their environment
 * variable, then their default.
 */
export function parseOptions(program: ProgramOptions, argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): OptionValues {
  return parseCommandLine(program, argv, env).values;
}

/** As parseOptions, with the program's operands (at most as many as it declares) beside the options. */
export function parseCommandLine(
  program: ProgramOptions,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): { readonly values: OptionValues; readonly operands: readonly string[] } {
  const allowed = program.operands?.length ?? 0;
  const operands: string[] = [];
  const byName = new Map(program.options.map((option) => [option.name, option]));
  const names = program.options.map((option) => option.name);
  const types = Object.fromEntries(program.options.map((option) => [option.name, { type: option.type }]));
  const { tokens } = parseArgs({ args: [...argv], strict: false, allowPositionals: true, tokens: true, options: types });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (operands.length < allowed) {
        operands.push(token.value);
        continue;
      }
      throw new UsageError(`unexpected argument "${token.value}"; options start with --`);
    }
    if (token.kind !== 'option') continue;
    const retired = program.retired?.[token.name];
    if (retired !== undefined) throw new UsageError(`${token.rawName} is no longer supported: ${retired}`);
    if (!byName.has(token.name)) {
      const suggestion = suggestOption(token.name, names);
      throw new UsageError(`unknown option ${token.rawName}${suggestion === null ? '' : `; did you mean --${suggestion}?`}`);
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: allowed > 0,
      options: types,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(message.replace(/\.$/u, '').replace(/^Option '(.+?)'/u, '$1'));
    throw new UsageError(message);
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const option of program.options) {
    const given = parsed.values[option.name];
    const fromEnv = option.env === undefined ? undefined : env[option.env];
    if (typeof given === 'string' || typeof given === 'boolean') values[option.name] = given;
    else if (fromEnv !== undefined && fromEnv !== '') values[option.name] = option.type === 'boolean' ? fromEnv === '1' || fromEnv === 'true' : fromEnv;
    else values[option.name] = option.default ?? (option.type === 'boolean' ? false : undefined);
  }
  return { values, operands };
}

/** The text of a string option, or undefined; for callers reading OptionValues. */
export function textOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function defaultOf(option: OptionSpec): string | null {
  if (option.defaultText !== undefined) return option.defaultText;
  if (option.default !== undefined) return option.default;
  return null;
}

/** `--help` of a program, generated from its table. */
export function helpText(program: ProgramOptions): string {
  const heads = program.options.map((option) => `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`);
  const width = Math.min(28, Math.max(...heads.map((head) => head.length)) + 2);
  const operands = (program.operands ?? []).map((operand) => ` [${operand.name}]`).join('');
  const lines = [program.title, '', `Usage: ${program.command} [options]${operands}`, ''];
  for (const operand of program.operands ?? []) lines.push(`  ${operand.name}: ${operand.help}`, '');
  program.options.forEach((option, index) => {
    const head = heads[index]!;
    const extras = [defaultOf(option) === null ? null : `default ${defaultOf(option)}`, option.env === undefined ? null : `env ${option.env}`].filter((part) => part !== null);
    const text = `${option.help}${extras.length === 0 ? '' : ` (${extras.join('; ')})`}`;
    lines.push(head.length + 2 > width ? `  ${head}\n  ${' '.repeat(width)}${text}` : `  ${head.padEnd(width)}${text}`);
  });
  if (program.notes !== undefined && program.notes.length > 0) lines.push('', ...program.notes);
  return `${lines.join('\n')}\n`;
}

/** The program's options as a Markdown table, as the README shows them. */
export function markdownTable(program: ProgramOptions): string {
  const cell = (text: string): string => text.replace(/\|/gu, '\\|');
  const rows = program.options.map((option) => {
    const flag = `\`--${option.name}${option.value === undefined ? '' : ` ${option.value}`}\``;
    const env = option.env === undefined ? '' : `\`${option.env}\``;
    const fallback = defaultOf(option);
    return `| ${flag} | ${env} | ${fallback === null ? '' : cell(fallback)} | ${cell(option.help)} |`;
  });
  return ['| option | environment | default | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
