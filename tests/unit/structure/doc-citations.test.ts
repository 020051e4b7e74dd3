/**
 * Guard: source comments cite the project's own docs only. The repository must stand alone: a
 * comment that points at a file outside it (a document kept beside the repository, a path on
 * someone's machine) sends the next reader nowhere. Any document or relative path a comment names
 * must exist in the repository; write the rule itself in the project's docs (docs/) and cite that.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, readSource, scriptComments, sourceFiles, styleComments } from './source-tree.js';
import type { SourceComment } from './source-tree.js';

const FOLDERS = ['src-shared', 'src-main', 'src-renderer', 'scripts', 'bench', 'tests'];
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx', '.css']);

/** A document name or path ending in .md that is not part of a URL. */
const DOCUMENT = /(?<![\w/.:-])((?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)*\.md)\b/g;
/** A path relative to the file (starting ./ or ../) that is not part of a URL. */
const RELATIVE_PATH = /(?<![\w/.:-])(\.{1,2}\/[\w./-]*)/g;
/** A path on a machine rather than in the repository. */
const MACHINE_PATH = /(?<![\w.:/-])((?:\/(?:work|home|Users|tmp|root|mnt|var)\/|~\/)[\w./-]*)/g;

/**
 * Citations of documents outside the repository found today, left out until their comments cite
 * docs/ instead. Each entry is "file: cited text". Do not add to this list.
 */
const ALLOWED_CITATIONS: readonly string[] = [];

function insideRepository(absolute: string): boolean {
  const path = relative(REPOSITORY_ROOT, absolute);
  return path !== '' && !path.startsWith(`..${sep}`) && path !== '..';
}

/** What a comment names that is not in the repository. */
function outsideCitations(file: string, comment: SourceComment): string[] {
  const found: string[] = [];
  const folder = join(REPOSITORY_ROOT, dirname(file));
  for (const match of comment.text.matchAll(DOCUMENT)) {
    const cited = match[1] as string;
    const absolute = cited.startsWith('.') ? join(folder, cited) : join(REPOSITORY_ROOT, cited);
    if (!insideRepository(absolute) || !existsSync(absolute)) found.push(cited);
  }
  for (const match of comment.text.matchAll(RELATIVE_PATH)) {
    const cited = match[1] as string;
    if (cited.endsWith('.md')) continue;
    const absolute = join(folder, cited);
    if (!insideRepository(absolute) || !existsSync(absolute)) found.push(cited);
  }
  for (const match of comment.text.matchAll(MACHINE_PATH)) found.push(match[1] as string);
  return found;
}

describe('doc citations in comments', () => {
  const files = sourceFiles(FOLDERS, EXTENSIONS);
  const citations: { readonly key: string; readonly where: string }[] = [];
  for (const file of files) {
    const text = readSource(file);
    const comments = file.endsWith('.css') ? styleComments(text) : scriptComments(file, text);
    for (const comment of comments) {
      for (const cited of outsideCitations(file, comment)) citations.push({ key: `${file}: ${cited}`, where: `${file}:${comment.line}: ${cited}` });
    }
  }

  it('reads the comments', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(scriptComments('src-main/sim/floor.ts').some((comment) => comment.text.includes('docs/simulator.md'))).toBe(true);
  });

  it("cites only documents and paths inside the repository", () => {
    const allowed = new Set(ALLOWED_CITATIONS);
    const violations = citations.filter((citation) => !allowed.has(citation.key)).map((citation) => citation.where);
    expect(
      violations,
      'These comments cite a document or path that is not in the repository. Cite the project\'s own docs instead ' +
        '(docs/architecture.md, docs/protocol.md, docs/simulator.md, docs/decisions/…; write the rule there first if it is missing), ' +
        'or a file of the repository by a path that exists:\n' +
        violations.map((where) => `  ${where}`).join('\n'),
    ).toEqual([]);
  });

  it('allows only citations that are still there', () => {
    const present = new Set(citations.map((citation) => citation.key));
    const stale = ALLOWED_CITATIONS.filter((key) => !present.has(key));
    expect(stale, 'These citations are gone: remove them from ALLOWED_CITATIONS in tests/unit/structure/doc-citations.test.ts.').toEqual([]);
  });
});
