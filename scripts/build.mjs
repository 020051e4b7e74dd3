// Usage: node scripts/build.mjs [--only=renderer,host,sim,electron,bench] [--dev]
// --dev: a development build (the renderer's source maps too; the host serves them only with FLOORWATCH_SOURCE_MAPS=1).
import { buildAll, TARGETS } from './build-lib.mjs';

const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : TARGETS;
await buildAll({ only, dev: process.argv.includes('--dev') });
