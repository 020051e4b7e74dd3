/**
 * The option table of every program: the host, the desktop app started by `npm start`, the
 * stand-alone simulator, the staffing calculator and the platform adapter. `--help`, strict parsing and the README's
 * tables (`npm run docs:options`) all come from here.
 */
import type { OptionSpec, ProgramOptions } from './option-table.js';

/** What someone who still passes the old identity flags is told. */
export const IDENTITY_FLAGS_GONE = 'role and scope come from the feed; use --user NAME to pick a demo user of the embedded simulator';

const RETIRED_IDENTITY: Readonly<Record<string, string>> = { role: IDENTITY_FLAGS_GONE, 'queue-scope': IDENTITY_FLAGS_GONE };

const help: OptionSpec = { name: 'help', type: 'boolean', help: 'print this help and exit' };

/** The core's options, read by resolveConfig in the host and the desktop app alike. */
export const CORE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'feed-url',
    type: 'string',
    value: 'URL',
    env: 'FLOORWATCH_FEED_URL',
    defaultText: 'none: the connection chosen in the console, the embedded simulator on first run',
    help: 'ws:// or wss:// address of a real feed, for this run',
  },
  { name: 'feed-token', type: 'string', value: 'TOKEN', env: 'FLOORWATCH_FEED_TOKEN', help: 'token for that feed; it names the user, and the feed says who that is' },
  {
    name: 'data-dir',
    type: 'string',
    value: 'DIR',
    env: 'FLOORWATCH_DATA_DIR',
    defaultText: '~/.local/share/floorwatch (Linux), ~/Library/Application Support/Floorwatch (macOS), %APPDATA%\\Floorwatch (Windows)',
    help: 'where the local database, caches and secrets live',
  },
  {
    name: 'user',
    type: 'string',
    value: 'NAME',
    env: 'FLOORWATCH_USER',
    defaultText: 'wfm-leader',
    help: 'embedded simulator only: the demo user to sign in as (also orders-leader, stakeholder, admin, wallboard)',
  },
  { name: 'seed', type: 'string', value: 'N', defaultText: '1', help: 'embedded simulator: seed of the floor' },
  { name: 'speed', type: 'string', value: 'X', defaultText: '1', help: 'embedded simulator: floor time per wall time' },
  { name: 'agents', type: 'string', value: 'N', defaultText: '64', help: 'embedded simulator: agents on the floor' },
  { name: 'queues', type: 'string', value: 'N', defaultText: '10', help: 'embedded simulator: queues' },
  { name: 'sim-start', type: 'string', value: 'TIME', defaultText: 'now', help: 'embedded simulator: the floor time its day starts at (ISO time or epoch ms)' },
  { name: 'backfill-days', type: 'string', value: 'N', env: 'FLOORWATCH_BACKFILL_DAYS', defaultText: '0 (none)', help: 'days of history to ask the feed for on first connect' },
  { name: 'lan-port', type: 'string', value: 'N', env: 'FLOORWATCH_LAN_PORT', defaultText: '7301', help: 'port for LAN wallboards, served only once turned on in the console' },
  { name: 'lan-host', type: 'string', value: 'ADDR', env: 'FLOORWATCH_LAN_HOST', defaultText: '0.0.0.0 (every interface)', help: 'address LAN wallboards are served on' },
  { name: 'lan-max-connections', type: 'string', value: 'N', env: 'FLOORWATCH_LAN_MAX_CONNECTIONS', defaultText: '20', help: 'wallboard device sockets at once (4 per device)' },
];

const HOST_ONLY: readonly OptionSpec[] = [
  { name: 'port', type: 'string', value: 'N', default: '7300', help: 'host only: port to serve the console on (0 = any free port)' },
  { name: 'host', type: 'string', value: 'ADDR', default: '127.0.0.1', help: 'host only: address to bind' },
];

/** `node dist/host/cli.mjs`: the console served to a browser. */
export const HOST_PROGRAM: ProgramOptions = {
  command: 'npm run host --',
  title: 'Floorwatch host: the console in a browser.',
  retired: RETIRED_IDENTITY,
  options: [...CORE_OPTIONS, ...HOST_ONLY, { name: 'open', type: 'boolean', help: 'open the console in the default browser' }, help],
  notes: [
    'Environment: FLOORWATCH_SOURCE_MAPS=1 serves the renderer\'s source maps on the console port',
    '(build them with node scripts/build.mjs --dev); FLOORWATCH_READY_LINE=1 prints JSON lines for scripts (FLOORWATCH_LISTENING once the page is served, FLOORWATCH_READY once the core answers);',
    'FLOORWATCH_PDF_BROWSER names the Chromium that draws reports\' PDFs (default: chromium, chromium-browser or google-chrome on the PATH).',
  ],
};

/** `npm start`: the desktop app, or the host when Electron cannot run here; the options pass through. */
export const START_PROGRAM: ProgramOptions = {
  command: 'npm start --',
  title: 'Floorwatch: the desktop app where Electron runs, otherwise the console in a browser.',
  retired: RETIRED_IDENTITY,
  options: [...CORE_OPTIONS, ...HOST_ONLY, { name: 'wallboard', type: 'boolean', help: 'desktop app only: open a wallboard window at start' }, help],
};

/** `node dist/sim/cli.mjs`: the simulated floor as a stand-alone feed server. */
export const SIM_PROGRAM: ProgramOptions = {
  command: 'npm run sim --',
  title: 'Floorwatch simulator: a contact-center feed server (feed protocol v1.1).',
  options: [
    { name: 'host', type: 'string', value: 'ADDR', default: '127.0.0.1', help: 'interface to bind' },
    { name: 'port', type: 'string', value: 'N', default: '7700', help: 'port (0 picks a free port)' },
    { name: 'seed', type: 'string', value: 'N', default: '42', help: 'seed of the floor; same seed, same floor' },
    { name: 'speed', type: 'string', value: 'X', default: '1', help: 'floor time per wall time' },
    { name: 'agents', type: 'string', value: 'N', default: '64', help: 'agents on the floor' },
    { name: 'directory', type: 'string', value: 'N', defaultText: 'those agents and the supervisors', help: 'people in the directory; the rest are agents off today\'s rota' },
    { name: 'queues', type: 'string', value: 'N', default: '10', help: 'queues, at least 8' },
    { name: 'rate', type: 'string', value: 'X', default: '1', help: 'multiplier on arrival rates' },
    { name: 'history-days', type: 'string', value: 'N', default: '7', help: 'days of history served by backfill' },
    { name: 'token-seed', type: 'string', value: 'TEXT', default: 'floorwatch-demo', help: 'derives each user\'s token; the demo users and their tokens are printed at start' },
    { name: 'token', type: 'string', value: 'TOKEN', help: 'one more token, standing for the admin' },
    { name: 'replay-buffer', type: 'string', value: 'N', default: '500000', help: 'live events kept for replay after a reconnect' },
    help,
  ],
};

/** `npm run staffing`: the planners' calculator. */
export const STAFFING_PROGRAM: ProgramOptions = {
  command: 'npm run -s staffing --',
  title: 'Floorwatch staffing calculator: Erlang C, or Erlang A with --patience-s (docs/staffing.md).',
  options: [
    { name: 'calls', type: 'string', value: 'N', help: 'contacts arriving in the interval (required)' },
    { name: 'interval-min', type: 'string', value: 'N', help: 'length of the interval, in minutes (required)' },
    { name: 'aht-s', type: 'string', value: 'N', help: 'average handle time, in seconds (required)' },
    { name: 'target-s', type: 'string', value: 'N', help: 'service-level threshold: answered within this many seconds (required)' },
    { name: 'agents', type: 'string', value: 'N', help: 'evaluate this many agents' },
    { name: 'sl', type: 'string', value: 'FRACTION', defaultText: '0.8 when neither --agents nor --sl is given', help: 'find the fewest agents reaching this service level, 0 to 1' },
    { name: 'patience-s', type: 'string', value: 'N', help: 'mean patience before abandoning: use Erlang A and report abandons' },
    { name: 'slots', type: 'string', value: 'N', defaultText: '1', help: 'conversations an agent handles at once, for chat' },
    { name: 'max-occupancy', type: 'string', value: 'FRACTION', help: 'with --sl: occupancy may not exceed this fraction' },
    { name: 'max-abandon', type: 'string', value: 'FRACTION', help: 'with --sl and --patience-s: abandons may not exceed this fraction' },
    help,
  ],
  notes: [
    'Prints one JSON object: trafficErlangs, agents, serviceLevel, probabilityOfWaiting,',
    'averageSpeedOfAnswerS (null when traffic exceeds the agents without abandons), occupancy,',
    'probabilityOfAbandon (with --patience-s) and stable. Exit codes: 0 answered, 1 no staffing',
    'reaches the target, 2 bad command line.',
  ],
};

/** The platforms `npm run adapt` reads, as `--source` names them. */
export const ADAPT_SOURCES = ['amazon-connect', 'genesys', 'twilio'] as const;

/** `npm run adapt`: a platform's own events turned into canonical events (docs/adapters.md). */
export const ADAPT_PROGRAM: ProgramOptions = {
  command: 'npm run -s adapt --',
  title: 'Floorwatch platform adapter: a contact-center platform\'s events as canonical feed events (docs/adapters.md).',
  options: [
    { name: 'source', type: 'string', value: 'PLATFORM', help: `the platform the records come from: ${ADAPT_SOURCES.join(', ')} (required)` },
    help,
  ],
  operands: [{ name: 'FILE', help: 'records as JSON lines, one JSON document or a JSON array; standard input when absent or -' }],
  notes: [
    'Prints one canonical event per line (without seq: the publisher numbers them). Records that do not',
    'parse or lack what a mapping needs are skipped and named on standard error with their reason, with',
    'a summary at the end. Exit codes: 0 the input was read, 1 the input could not be read, 2 bad command line.',
  ],
};

/** `node dist/relay/cli.mjs`: a floor's log on NATS JetStream, served to consoles (docs/relay.md). */
export const RELAY_PROGRAM: ProgramOptions = {
  command: 'npm run -s relay --',
  title: 'Floorwatch relay: a floor\'s log on NATS JetStream, written by one publisher and served to consoles by any number of relays (docs/relay.md).',
  options: [
    { name: 'nats', type: 'string', value: 'URL', env: 'FLOORWATCH_NATS_URL', default: 'nats://127.0.0.1:4222', help: 'the NATS server (JetStream on); several, comma-separated' },
    { name: 'floor', type: 'string', value: 'NAME', env: 'FLOORWATCH_FLOOR', default: 'main', help: 'the floor: names its stream and buckets (lowercase letters, digits, dashes)' },
    { name: 'port', type: 'string', value: 'N', env: 'FLOORWATCH_RELAY_PORT', default: '7800', help: 'serve: the port consoles connect to (0 = any free port)' },
    { name: 'host', type: 'string', value: 'ADDR', env: 'FLOORWATCH_RELAY_HOST', default: '127.0.0.1', help: 'serve: the address to bind' },
    { name: 'tokens', type: 'string', value: 'FILE', env: 'FLOORWATCH_RELAY_TOKENS', help: 'serve: the tokens file, who each console token names (required)' },
    { name: 'feed-url', type: 'string', value: 'URL', env: 'FLOORWATCH_RELAY_FEED_URL', help: 'publish: a native feed (the simulator, or any feed of docs/protocol.md) to write to the log' },
    { name: 'feed-token', type: 'string', value: 'TOKEN', env: 'FLOORWATCH_RELAY_FEED_TOKEN', help: 'publish: the token the publisher signs in to that feed with' },
    { name: 'source-name', type: 'string', value: 'NAME', help: 'publish: what the source is called in refusals (default: the feed URL, or "platform adapter")' },
    help,
  ],
  operands: [
    { name: 'MODE', help: 'serve (a relay for consoles) or publish (the floor\'s one writer)' },
    { name: 'FILE', help: 'publish without --feed-url: canonical events as JSON lines (the output of npm run adapt); standard input when absent or -' },
  ],
  notes: [
    'Exit codes: 0 stopped by a signal or the input ended, 1 a failure (NATS unreachable, another publisher writing the floor), 2 bad command line.',
  ],
};

/** Every program, in the order the README lists them. */
export const PROGRAMS: readonly { readonly id: string; readonly program: ProgramOptions }[] = [
  { id: 'start', program: START_PROGRAM },
  { id: 'host', program: HOST_PROGRAM },
  { id: 'sim', program: SIM_PROGRAM },
  { id: 'staffing', program: STAFFING_PROGRAM },
  { id: 'adapt', program: ADAPT_PROGRAM },
  { id: 'relay', program: RELAY_PROGRAM },
];
