/**
 * The repository's source files as the structure guards see them: walked from disk, with their
 * relative imports (type-only and dynamic ones included) resolved to files and their comments
 * extracted, using the TypeScript compiler's own scanner so strings and regexes are never taken
 * for imports or comments.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** The repository root (this file is tests/unit/structure/source-tree.ts). */
export const REPOSITORY_ROOT = resolve(__dirname, '../../..');

const SCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx']);

/** Repository-relative paths, with forward slashes, of the files under `folders` whose extension is in `extensions`. */
export function sourceFiles(folders: readonly string[], extensions: ReadonlySet<string> = SCRIPT_EXTENSIONS): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && extensions.has(extname(entry.name))) files.push(toRepositoryPath(path));
    }
  };
  for (const folder of folders) {
    const absolute = join(REPOSITORY_ROOT, folder);
    if (existsSync(absolute)) walk(absolute);
  }
  return files.sort();
}

export function toRepositoryPath(absolute: string): string {
  return relative(REPOSITORY_ROOT, absolute).split(sep).join('/');
}

export function readSource(path: string): string {
  return readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
}

/** Lines as an editor counts them (a final newline does not start another line). */
export function lineCount(text: string): number {
  if (text.length === 0) return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Every module specifier the file names: static, type-only, re-exports, side-effect and dynamic imports. */
export function importSpecifiers(path: string, text: string = readSource(path)): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((file) => file.fileName);
}

/**
 * The repository file a relative specifier names, trying what the bundler tries: the path as
 * written, `.js` written for a `.ts`/`.tsx` source, no extension, and a folder's index.
 */
export function resolveRelative(fromPath: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = join(REPOSITORY_ROOT, dirname(fromPath), specifier);
  const stem = base.replace(/\.(c|m)?jsx?$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.cts`,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toRepositoryPath(candidate);
  }
  return undefined;
}

/** The file's relative imports, resolved to repository files (unresolvable ones are left out: the compiler reports those). */
export function relativeImports(path: string, text: string = readSource(path)): string[] {
  const resolved = new Set<string>();
  for (const specifier of importSpecifiers(path, text)) {
    const target = resolveRelative(path, specifier);
    if (target !== undefined) resolved.add(target);
  }
  return [...resolved].sort();
}

export interface SourceComment {
  /** 1-based line of the comment's start. */
  readonly line: number;
  readonly text: string;
}

/**
 * The comments of a script file (line and block, JSDoc included). The parser finds every token,
 * so a `//` inside a string, a regex or a template is never taken for a comment; the comments are
 * the trivia in front of each token.
 */
export function scriptComments(path: string, text: string = readSource(path)): SourceComment[] {
  const kind = /\.(tsx|jsx)$/.test(path) ? ts.ScriptKind.TSX : /\.(c|m)?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const starts = new Set<number>();
  const comments: SourceComment[] = [];
  const collect = (position: number): void => {
    // Trailing ranges are the comments left on the previous token's line, leading ones those after it.
    for (const range of [...(ts.getTrailingCommentRanges(text, position) ?? []), ...(ts.getLeadingCommentRanges(text, position) ?? [])]) {
      if (starts.has(range.pos)) continue;
      starts.add(range.pos);
      comments.push({ line: source.getLineAndCharacterOfPosition(range.pos).line + 1, text: text.slice(range.pos, range.end) });
    }
  };
  const visit = (node: ts.Node): void => {
    // A JSDoc node lies inside its comment, which is found as the trivia of the next token.
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(source);
    if (children.length === 0) collect(node.pos);
    for (const child of children) visit(child);
  };
  visit(source);
  collect(source.endOfFileToken.pos);
  return comments.sort((left, right) => left.line - right.line);
}

/** Block comments of a stylesheet. */
export function styleComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const match of text.matchAll(/\/\*[\s\S]*?\*\//g)) {
    const start = match.index;
    comments.push({ line: text.slice(0, start).split('\n').length, text: match[0] });
  }
  return comments;
}

/** Each file under `folders` with the files it imports by relative path (only edges between those files). */
export function importGraph(folders: readonly string[]): Map<string, string[]> {
  const files = sourceFiles(folders);
  const known = new Set(files);
  return new Map(files.map((file) => [file, relativeImports(file).filter((target) => known.has(target))]));
}
