/** The README's option tables are generated from the programs' tables; this fails when they drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withOptionsSection } from '../../../src-main/cli/options-markdown.js';
import { REPOSITORY_ROOT } from '../structure/source-tree.js';

describe('README option tables', () => {
  it('match src-main/cli/programs.ts (npm run docs:options rewrites them)', () => {
    const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    expect(withOptionsSection(readme)).toBe(readme);
  });
});
