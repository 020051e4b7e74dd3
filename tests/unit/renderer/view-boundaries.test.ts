/**
 * The renderer's folders keep to their lanes: a view never reaches into another view's folder
 * (what two views share lives in components/, hooks/ or format/), and those shared folders never
 * reach back into views/ or the shell. Read from the source, so a new import that crosses a lane
 * fails here with the file and the import named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src-renderer');

/**
 * Modules of views/ that other views may import: the command hook and its intent ledger, which
 * leave views/ together with the renderer's one command module.
 */
const SHARED_FROM_VIEWS = new Set(['views/queue-actions/use-command.ts', 'views/queue-actions/command-intent.ts']);

function sourceFiles(folder: string, pattern = /\.tsx?$/): readonly string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });
}

/** The repository-relative targets of a file's relative imports, with .js read as the .ts/.tsx it compiles from. */
function relativeImports(file: string): readonly string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => relative(root, resolve(dirname(file), specifier)).split(sep).join('/').replace(/\.js$/, ''));
}

function area(path: string): string {
  const parts = path.split('/');
  return parts[0] === 'views' ? `views/${parts[1] ?? ''}` : (parts[0] ?? '');
}

function withSourceExtension(target: string): string {
  for (const extension of ['.ts', '.tsx']) {
    try {
      readFileSync(join(root, target + extension));
      return target + extension;
    } catch {
      // not this extension
    }
  }
  return target;
}

const files = sourceFiles(root).map((file) => ({ file, path: relative(root, file).split(sep).join('/') }));

describe('renderer folder boundaries', () => {
  it('a view imports nothing from another view’s folder', () => {
    const crossings = files
      .filter(({ path }) => path.startsWith('views/'))
      .flatMap(({ file, path }) =>
        relativeImports(file)
          .map(withSourceExtension)
          .filter((target) => target.startsWith('views/') && area(target) !== area(path) && !SHARED_FROM_VIEWS.has(target))
          .map((target) => `${path} imports ${target}`),
      );
    expect(crossings).toEqual([]);
  });

  it('components, hooks, format and store never import a view or the shell', () => {
    const shared = new Set(['components', 'hooks', 'format', 'store']);
    const crossings = files
      .filter(({ path }) => shared.has(area(path)))
      .flatMap(({ file, path }) =>
        relativeImports(file)
          .map(withSourceExtension)
          .filter((target) => target.startsWith('views/') || target.startsWith('shell/'))
          .map((target) => `${path} imports ${target}`),
      );
    expect(crossings).toEqual([]);
  });

  it('no renderer source file, script or style sheet, is longer than 600 lines', () => {
    const long = sourceFiles(root, /\.(tsx?|css)$/)
      .map((file) => ({ path: relative(root, file).split(sep).join('/'), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 600);
    expect(long).toEqual([]);
  });
});
