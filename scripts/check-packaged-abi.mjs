// Stops packaging when the app would die at start: electron-builder runs `afterPack` once the
// native dependencies were rebuilt and the app folder is laid out, and this checks every
// better_sqlite3.node in it exports node_register_module_v<the packaged Electron's ABI>. A
// rebuild that silently used other headers (npm's `nodedir` pointing at the system Node, say)
// produces a Node-ABI binary that only fails on the user's machine; here it fails the build.
//
// By hand: node scripts/check-packaged-abi.mjs <folder or .node file> [--electron=VERSION]
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkNativeAbi } from './native-abi.mjs';

const require = createRequire(import.meta.url);
const root = join(fileURLToPath(import.meta.url), '..', '..');
const ADDON = 'better_sqlite3.node';

/** Every file named `name` under dir (asar archives are skipped: native code is always unpacked). */
export async function findFiles(dir, name) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findFiles(path, name)));
    else if (entry.name === name) found.push(path);
  }
  return found;
}

function installedElectronVersion() {
  return JSON.parse(require('node:fs').readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** The Node ABI of an Electron version, from node-abi (installed with @electron/rebuild). */
export function electronAbi(electronVersion) {
  const { getAbi } = require('node-abi');
  return getAbi(electronVersion, 'electron');
}

/** Checks every addon under `target` (a folder or one file); throws with every failure named. */
export async function checkPackagedAbi(target, electronVersion) {
  const abi = electronAbi(electronVersion);
  const isFolder = (await stat(target)).isDirectory();
  const files = isFolder ? await findFiles(target, ADDON) : [target];
  if (files.length === 0) throw new Error(`Packaging stopped: no ${ADDON} under ${target}; the app cannot open its cache without it.`);
  const failures = [];
  for (const file of files) {
    const label = isFolder ? relative(target, file) : file;
    const result = checkNativeAbi(await readFile(file), abi, label);
    if (result.ok) console.log(`  • native ABI ok: ${result.message} (Electron ${electronVersion})`);
    else failures.push(result.message);
  }
  if (failures.length > 0) {
    throw new Error(
      [
        `Packaging stopped: the packaged app would not start on Electron ${electronVersion} (ABI ${abi}).`,
        ...failures.map((failure) => `  ${failure}`),
        'The native rebuild used headers other than Electron\'s. Check `npm config get nodedir` (it must be unset, or point at Electron\'s headers): see docs/packaging.md.',
      ].join('\n'),
    );
  }
}

/** electron-builder's afterPack hook (electron-builder.yml). */
export async function afterPack(context) {
  const version = context.packager?.info?.framework?.version ?? context.packager?.config?.electronVersion ?? installedElectronVersion();
  await checkPackagedAbi(context.appOutDir, version);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2];
  const versionArg = process.argv.find((arg) => arg.startsWith('--electron='));
  if (target === undefined) {
    console.error('Usage: node scripts/check-packaged-abi.mjs <folder or .node file> [--electron=VERSION]');
    process.exit(2);
  }
  try {
    await checkPackagedAbi(target, versionArg ? versionArg.slice('--electron='.length) : installedElectronVersion());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
