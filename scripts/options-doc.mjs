// Writes the README's option tables from src-main/cli/programs.ts; `--check` only says whether it is current.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './build-lib.mjs';
import { loadOptionTables } from './option-tables.mjs';

const { withOptionsSection } = await loadOptionTables();
const path = join(root, 'README.md');
const current = await readFile(path, 'utf8');
const next = withOptionsSection(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md option tables are out of date: run npm run docs:options');
    process.exit(1);
  }
} else if (next !== current) {
  await writeFile(path, next);
  console.log('wrote the option tables of README.md');
}
