// Loads the programs' option tables (src-main/cli/) for scripts that are not bundled themselves.
import { build } from 'esbuild';
import { root } from './build-lib.mjs';

/** The option-table and programs modules, compiled in memory. */
export async function loadOptionTables() {
  const result = await build({
    stdin: {
      contents: "export * from './src-main/cli/option-table.ts'; export * from './src-main/cli/programs.ts'; export * from './src-main/cli/options-markdown.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}
