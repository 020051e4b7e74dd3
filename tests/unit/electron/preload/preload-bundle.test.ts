/**
 * A sandboxed preload can require only `electron`: anything else (a dependency, a Node built-in)
 * makes the preload fail at run time and leaves the page without its bridge. Bundled here with
 * the same options as the real build, so a stray import fails this test instead.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..', '..');

describe('preload bundle', () => {
  it('requires nothing but electron', async () => {
    const result = await build({
      entryPoints: [join(root, 'src-main', 'electron', 'preload', 'preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles.map((file) => file.text).join('\n');
    const required = new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld("floorwatch"');
  });
});
