// Usage: node scripts/build.mjs [--only=renderer,host,sim,electron,staffing,bench] [--dev] [--quiet]
// --dev: a development build (the renderer's source maps too; the host serves them only with FLOORWATCH_SOURCE_MAPS=1).
// --quiet: no "built …" line, for a script whose standard output is its answer (npm run staffing).
import { buildAll, TARGETS } from './build-lib.mjs';

const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : TARGETS;
await buildAll({ only, dev: process.argv.includes('--dev'), quiet: process.argv.includes('--quiet') });
