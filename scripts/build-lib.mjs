// Bundles every entry point with esbuild. One build for all targets keeps the layers' outputs in step.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The commit being built, for the desktop app's About box and problem reports; "unknown" outside a git checkout. */
function buildCommit() {
  if (process.env.FLOORWATCH_BUILD_COMMIT) return process.env.FLOORWATCH_BUILD_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

const node = { platform: 'node', target: 'node20', bundle: true, packages: 'external', sourcemap: 'linked', logLevel: 'warning' };

/** Each target: the entry points, and the esbuild options that define its environment. */
const targets = {
  renderer: {
    // The stylesheet is an entry too, so each area's CSS file (src-renderer/styles/) is bundled in by @import.
    entryPoints: { app: 'src-renderer/main.tsx', styles: 'src-renderer/styles.css' },
    outdir: 'dist/renderer',
    platform: 'browser',
    target: 'chrome120',
    format: 'esm',
    bundle: true,
    // Each view is its own chunk, loaded when shown (src-renderer/shell/lazy-views.tsx); what the
    // entry imports at once is named in index.html as module preloads, fetched beside it.
    splitting: true,
    chunkNames: '[name]-[hash]',
    preloadsFor: { page: 'index.html', entry: 'app.js' },
    minify: true,
    // Source maps of the renderer are for development only (build --dev): the host serves this
    // folder to the browser and to every TV on the LAN, and a map gives away the whole source.
    devOptions: { sourcemap: 'linked' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    assets: ['src-renderer/index.html', 'assets/icon.svg'],
  },
  host: {
    ...node,
    entryPoints: { cli: 'src-main/host/cli.ts', 'search-worker': 'src-main/core/history/search-worker.ts' },
    outdir: 'dist/host',
    format: 'esm',
    // The core is imported after the host listens (src-main/host/index.ts): its modules go in chunks
    // beside the entry (same folder, so import.meta.url finds the renderer and the worker as before).
    splitting: true,
    chunkNames: '[name]-[hash]',
    // Pure JavaScript dependencies are bundled, as in the desktop app: a cold start then reads one
    // file instead of resolving and compiling a few thousand modules (about a second on a loaded machine).
    packages: undefined,
    external: ['better-sqlite3', 'ws'],
    logOverride: { 'empty-glob': 'silent' },
    // CommonJS dependencies inside an ES module bundle still call require for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    outExtension: { '.js': '.mjs' },
  },
  sim: { ...node, entryPoints: { cli: 'src-main/sim/cli.ts', index: 'src-main/sim/index.ts' }, outdir: 'dist/sim', format: 'esm', outExtension: { '.js': '.mjs' } },
  electron: {
    ...node,
    entryPoints: { main: 'src-main/electron/main/main.ts', preload: 'src-main/electron/preload/preload.ts', 'core-process': 'src-main/electron/utility/core-process.ts', 'search-worker': 'src-main/core/history/search-worker.ts' },
    outdir: 'dist/electron',
    format: 'cjs',
    // Pure JavaScript dependencies (zod, pino, pino-roll) are bundled, so the package carries only
    // the native addon and ws in node_modules (docs/packaging.md).
    packages: undefined,
    external: ['electron', 'better-sqlite3', 'ws'],
    // sentiment loads English statically and other languages by a computed path it never takes here.
    logOverride: { 'empty-glob': 'silent' },
    // The core's ESM sources read import.meta.url (e.g. to find better-sqlite3 for a worker thread); give the CommonJS bundle a real one.
    define: { 'import.meta.url': '__bundleUrl', FLOORWATCH_BUILD_COMMIT: JSON.stringify(buildCommit()) },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    outExtension: { '.js': '.cjs' },
  },
  staffing: { ...node, entryPoints: { cli: 'src-main/staffing/cli.ts' }, outdir: 'dist/staffing', format: 'esm', outExtension: { '.js': '.mjs' } },
  adapt: { ...node, entryPoints: { cli: 'src-main/adapters/cli.ts' }, outdir: 'dist/adapt', format: 'esm', outExtension: { '.js': '.mjs' } },
  relay: { ...node, entryPoints: { cli: 'src-main/relay/cli.ts', dev: 'src-main/relay/dev.ts' }, outdir: 'dist/relay', format: 'esm', outExtension: { '.js': '.mjs' } },
  bench: { ...node, entryPoints: { run: 'bench/run.ts', 'search-worker': 'src-main/core/history/search-worker.ts', 'recorded-feed': 'bench/recorded-feed.ts', 'relay-consoles': 'bench/relay-consoles.ts' }, outdir: 'dist/bench', format: 'esm', outExtension: { '.js': '.mjs' } },
};

export const TARGETS = Object.keys(targets);

/** Removes the scripts (and their maps) in `dir` that this build did not write. */
async function removeStaleScripts(dir, written) {
  const kept = new Set(written);
  for (const file of await readdir(dir)) {
    const path = join(dir, file);
    if (/\.(m?js)(\.map)?$/.test(file) && !kept.has(path)) await rm(path);
  }
}

/**
 * Adds to the page a module preload for each chunk its entry imports statically (and theirs), so
 * the browser fetches them with the entry instead of one round trip after another; the host also
 * serves these files before its core starts (src-main/host/page-first.ts).
 */
async function namePreloads(outdir, metafile, { page, entry }) {
  const outputs = metafile.outputs;
  const byName = new Map(Object.keys(outputs).map((output) => [join(root, output), output]));
  const entryOutput = byName.get(join(outdir, entry));
  if (!entryOutput) throw new Error(`namePreloads: ${entry} was not built`);
  const chunks = new Set();
  const visit = (output) => {
    for (const imported of outputs[output].imports) {
      if (imported.kind !== 'import-statement' || imported.external || chunks.has(imported.path)) continue;
      chunks.add(imported.path);
      visit(imported.path);
    }
  };
  visit(entryOutput);
  const links = [...chunks].map((chunk) => `    <link rel="modulepreload" href="./${relative(outdir, join(root, chunk))}" />`).join('\n');
  const pagePath = join(outdir, page);
  const html = await readFile(pagePath, 'utf8');
  const script = `<script type="module" src="./${entry}"></script>`;
  if (!html.includes(script)) throw new Error(`namePreloads: ${page} does not load ${entry} as \`${script}\``);
  await writeFile(pagePath, links === '' ? html : html.replace(script, `${links.trimStart()}\n    ${script}`));
}

/** Builds the named targets (all by default); `dev` adds what only a development build carries (the renderer's source maps). Throws on the first compile error. */
export async function buildAll({ only = TARGETS, quiet = false, dev = false } = {}) {
  const started = Date.now();
  for (const name of only) {
    if (!targets[name]) throw new Error(`Unknown build target ${name}; known: ${TARGETS.join(', ')}`);
    const { assets = [], entryPoints, devOptions = {}, preloadsFor, ...production } = targets[name];
    const options = dev ? { ...production, ...devOptions } : production;
    const result = await build({ ...options, metafile: true, entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([k, v]) => [k, join(root, v)])), outdir: join(root, options.outdir), absWorkingDir: root });
    await mkdir(join(root, options.outdir), { recursive: true });
    // A split bundle's chunks are named by their content: an earlier build's are removed, not served.
    if (options.splitting) await removeStaleScripts(join(root, options.outdir), Object.keys(result.metafile.outputs).map((output) => join(root, output)));
    for (const asset of assets) await cp(join(root, asset), join(root, options.outdir, asset.split('/').pop()));
    if (preloadsFor) await namePreloads(join(root, options.outdir), result.metafile, preloadsFor);
    // A production build must not leave an earlier development build's maps behind for the host to find.
    if (!dev && devOptions.sourcemap) {
      for (const file of await readdir(join(root, options.outdir))) if (file.endsWith('.map')) await rm(join(root, options.outdir, file));
    }
  }
  if (!quiet) console.log(`built ${only.join(', ')} in ${Date.now() - started} ms`);
}
