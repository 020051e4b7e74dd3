// Writes docs/metrics.md from the metric dictionary in code.
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './build-lib.mjs';

const result = await build({
  entryPoints: [join(root, 'src-shared/metrics/markdown.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
});
const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
await writeFile(join(root, 'docs/metrics.md'), module.renderMetricsMarkdown());
console.log('wrote docs/metrics.md');
