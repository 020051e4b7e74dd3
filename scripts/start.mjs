// `npm start` (after the build): the desktop app when the Electron runtime is installed,
// otherwise the host serving the same console to a browser. Arguments are passed through, e.g.
// `npm start -- --feed-url wss://feed.example.com --feed-token ...`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build-lib.mjs';
import { ensureElectronNativeBinding, exitCodeOf, locateElectronRuntime, planLaunch } from './electron-native.mjs';
import { loadOptionTables } from './option-tables.mjs';

const args = process.argv.slice(2);
// One option table (src-main/cli/programs.ts): a typo such as --feedurl stops here with exit code 2,
// before anything starts, rather than starting the simulator.
const { START_PROGRAM, helpText, parseOptions } = await loadOptionTables();
let startOptions;
try {
  startOptions = parseOptions(START_PROGRAM, args);
} catch (error) {
  console.error(`floorwatch: ${error.message} (npm start -- --help lists the options)`);
  process.exit(error.exitCode ?? 2);
}
if (startOptions.help) {
  process.stdout.write(helpText(START_PROGRAM));
  process.exit(0);
}
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

const launched = planLaunch({ root, args, runtime, nativeBinding, nativeError, execPath: process.execPath, env: process.env, platform: process.platform });
// --wallboard opens a window of the desktop app; the browser console has no such option.
const plan = launched.kind === 'host' ? { ...launched, args: launched.args.filter((arg) => arg !== '--wallboard') } : launched;
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
