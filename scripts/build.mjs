// Usage: node scripts/build.mjs [--only=renderer,host,sim,electron,bench]
import { buildAll, TARGETS } from './build-lib.mjs';

const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : TARGETS;
await buildAll({ only });
