/**
 * `npm run bench`: every budgeted figure of the product, one per line as `name: value unit`.
 * Options: --only=ingest,dom  (default: all).
 */
import { benchEventToDom } from './event-to-dom.js';
import { benchIngest } from './ingest.js';

const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ['ingest', 'dom']);

if (only.has('ingest')) await benchIngest();
if (only.has('dom')) await benchEventToDom();
process.exit(0);
