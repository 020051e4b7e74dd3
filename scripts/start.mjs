// `npm start` (after the build): the desktop app when the Electron runtime is installed,
// otherwise the host serving the same console to a browser. Arguments are passed through, e.g.
// `npm start -- --feed-url wss://feed.example.com --feed-token ...`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-lib.mjs';
import { ensureElectronNativeBinding, exitCodeOf, locateElectronRuntime, planLaunch } from './electron-native.mjs';

const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');
const runtime = locateElectronRuntime({ electronDir, env: process.env, exists: existsSync, readText: (path) => readFileSync(path, 'utf8') });

let nativeBinding = null;
let nativeError = null;
if (runtime.present) {
  try {
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
    nativeBinding = await ensureElectronNativeBinding({ root, electronVersion: version, log: (line) => console.log(line) });
  } catch (error) {
    nativeError = error instanceof Error ? error.message : String(error);
  }
}

const plan = planLaunch({ root, args, runtime, nativeBinding, nativeError, execPath: process.execPath, env: process.env, platform: process.platform });
if (plan.notice) console.log(plan.notice);
if (!existsSync(plan.entry)) {
  console.error(`Cannot start: ${plan.entry} is missing. Run \`npm run build\` and check its output.`);
  process.exit(1);
}

const child = spawn(plan.command, plan.args, { stdio: 'inherit', env: plan.env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`Cannot start ${plan.command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
