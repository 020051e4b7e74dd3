/**
 * Configuration of the core from flags and environment (README "Configuration").
 * Flags win over environment; with no feed configured the embedded simulator is used.
 * Who the user is (role, queue scope) is not configuration: it comes from the feed's welcome.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORE_OPTIONS, IDENTITY_FLAGS_GONE } from '../cli/programs.js';
import { DEMO_USERS } from '../sim/demo-users.js';
import type { SecretVault } from './secrets/secret-vault.js';
import type { PdfRenderer } from './reports/pdf-renderer.js';

export type FeedConfig =
  | {
      readonly kind: 'embedded-simulator';
      readonly seed?: number;
      readonly speed?: number;
      readonly agents?: number;
      readonly queues?: number;
      /** Floor time the simulated day starts at (default now); tests pick a busy hour. */
      readonly startTime?: number;
      /** The demo user the console signs in as (default the WFM leader, "wfm-leader"). */
      readonly user?: string;
    }
  | { readonly kind: 'remote'; readonly url: string; readonly token: string };

export { IDENTITY_FLAGS_GONE };

/** Serving wallboards to the LAN (off until a supervisor turns it on; then on these). */
export interface LanConfig {
  readonly host: string;
  readonly port: number;
  /** Open wallboard device sockets, all devices together. */
  readonly maxConnections: number;
  readonly maxConnectionsPerDevice: number;
}

export const DEFAULT_LAN_CONFIG: LanConfig = { host: '0.0.0.0', port: 7301, maxConnections: 20, maxConnectionsPerDevice: 4 };

export interface CoreConfig {
  readonly dataDir: string;
  readonly feed: FeedConfig;
  /** Path to a better_sqlite3.node built for the running runtime's ABI (Electron); default: the package's own. */
  readonly nativeBinding?: string;
  /** Days of history to ask the feed for on first connect (0: none). */
  readonly backfillDays?: number;
  /** Where LAN wallboards are served when turned on; DEFAULT_LAN_CONFIG when absent. */
  readonly lan?: LanConfig;
  /** Where secrets (the audit chain's key and head) live; default a file vault in <dataDir>/secrets. */
  readonly secrets?: SecretVault;
  /** Draws reports' PDFs (the host's headless Chromium, the desktop app's hidden window); none when absent. */
  readonly pdf?: PdfRenderer;
}

/** Where the data lives when nothing says otherwise, per platform convention. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Floorwatch');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Floorwatch');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'floorwatch');
}

function numberOption(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number, got "${value}"`);
  return parsed;
}

/** An instant given as an ISO 8601 time or epoch milliseconds. */
function timeOption(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const parsed = /^\d+$/u.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be an ISO time (2026-03-10T15:00:00Z) or epoch milliseconds, got "${value}"`);
  return parsed;
}

/**
 * Reads the core's settings from argv and env. Unknown flags are left for the caller (the host
 * and the Electron app add their own). Throws with a readable message on a bad value.
 */
export function resolveConfig(argv: readonly string[], env: NodeJS.ProcessEnv, defaults: { dataDir: string }): CoreConfig {
  // Checked before anything else: a console must never run under a role it was told on the command line.
  const identityFlag = argv.find((arg) => /^--(role|queue-scope)(=|$)/u.test(arg));
  if (identityFlag !== undefined) throw new Error(`${identityFlag.split('=')[0]} is no longer supported: ${IDENTITY_FLAGS_GONE}`);
  const identityEnv = ['FLOORWATCH_ROLE', 'FLOORWATCH_QUEUE_SCOPE'].find((name) => env[name] !== undefined && env[name] !== '');
  if (identityEnv !== undefined) throw new Error(`${identityEnv} is no longer supported: ${IDENTITY_FLAGS_GONE}`);

  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    // The same names as the option table (src-main/cli/programs.ts); the programs parse strictly before this.
    options: Object.fromEntries(CORE_OPTIONS.map((option) => [option.name, { type: option.type }])),
  });
  const text = (flag: string | boolean | undefined, envValue: string | undefined): string | undefined =>
    typeof flag === 'string' && flag.length > 0 ? flag : envValue && envValue.length > 0 ? envValue : undefined;

  const feedUrl = text(values['feed-url'], env.FLOORWATCH_FEED_URL);
  let feed: FeedConfig;
  if (feedUrl) {
    const parsed = new URL(feedUrl);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw new Error(`The feed URL must be ws:// or wss://, got ${parsed.protocol}`);
    if (typeof values.user === 'string') throw new Error('--user picks a demo user of the embedded simulator; with --feed-url the feed token says who you are');
    feed = { kind: 'remote', url: feedUrl, token: text(values['feed-token'], env.FLOORWATCH_FEED_TOKEN) ?? '' };
  } else {
    const user = text(values.user, env.FLOORWATCH_USER);
    if (user !== undefined && !DEMO_USERS.some((demo) => demo.userId === user)) {
      throw new Error(`Unknown demo user "${user}"; use ${DEMO_USERS.map((demo) => demo.userId).join(', ')}`);
    }
    feed = {
      kind: 'embedded-simulator',
      seed: numberOption(values.seed, 'seed'),
      speed: numberOption(values.speed, 'speed'),
      agents: numberOption(values.agents, 'agents'),
      queues: numberOption(values.queues, 'queues'),
      startTime: timeOption(values['sim-start'], 'sim-start'),
      ...(user !== undefined ? { user } : {}),
    };
  }

  const lanPort = numberOption(values['lan-port'], 'lan-port') ?? numberOption(env.FLOORWATCH_LAN_PORT, 'lan-port') ?? DEFAULT_LAN_CONFIG.port;
  if (!Number.isInteger(lanPort) || lanPort < 0 || lanPort > 65535) throw new Error(`--lan-port must be 0..65535, got ${lanPort}`);
  const lanMax = numberOption(values['lan-max-connections'], 'lan-max-connections') ?? numberOption(env.FLOORWATCH_LAN_MAX_CONNECTIONS, 'lan-max-connections') ?? DEFAULT_LAN_CONFIG.maxConnections;
  if (!Number.isInteger(lanMax) || lanMax < 1 || lanMax > 1000) throw new Error(`--lan-max-connections must be 1..1000, got ${lanMax}`);

  return {
    dataDir: text(values['data-dir'], env.FLOORWATCH_DATA_DIR) ?? defaults.dataDir,
    feed,
    nativeBinding: env.FLOORWATCH_SQLITE_BINDING || undefined,
    backfillDays: numberOption(values['backfill-days'], 'backfill-days') ?? numberOption(env.FLOORWATCH_BACKFILL_DAYS, 'backfill-days'),
    lan: {
      host: text(values['lan-host'], env.FLOORWATCH_LAN_HOST) ?? DEFAULT_LAN_CONFIG.host,
      port: lanPort,
      maxConnections: lanMax,
      maxConnectionsPerDevice: Math.min(DEFAULT_LAN_CONFIG.maxConnectionsPerDevice, lanMax),
    },
  };
}
