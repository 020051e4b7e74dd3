/**
 * `npm run -s relay -- serve|publish`: the relay's two roles (docs/relay.md).
 *
 * - `serve --tokens FILE [--port N]`: a relay; run as many as you like for one floor.
 * - `publish --feed-url URL --feed-token TOKEN`: the floor's one writer, bridging a native feed.
 * - `publish [FILE]`: the floor's one writer, from canonical events as JSON lines (`npm run adapt`
 *   output); consoles' commands are refused (a platform adapter cannot carry them out).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { readCommandLine } from '../cli/command-line.js';
import { helpText, parseCommandLine, textOption, UsageError } from '../cli/option-table.js';
import { RELAY_PROGRAM } from '../cli/programs.js';
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { errorMessage } from '../../src-shared/errors.js';
import { startFeedBridge } from './feed-bridge.js';
import { openFloorLog } from './floor-log.js';
import { stopOnSignals } from './stop-on-signals.js';
import type { FloorLog } from './floor-log.js';
import { FloorPublisher } from './publisher.js';
import { startRelayServer } from './relay-server.js';
import { TokenTable } from './tokens.js';

const USAGE = helpText(RELAY_PROGRAM);

interface Common {
  readonly nats: readonly string[];
  readonly floor: string;
}
type Request =
  | (Common & { readonly mode: 'serve'; readonly port: number; readonly host: string; readonly tokens: string })
  | (Common & { readonly mode: 'publish'; readonly feedUrl: string | undefined; readonly feedToken: string; readonly sourceName: string | undefined; readonly file: string | undefined });

function parse(argv: readonly string[]): Request | 'help' {
  const { values, operands } = parseCommandLine(RELAY_PROGRAM, argv, process.env);
  if (values.help === true) return 'help';
  const [mode, file] = operands;
  const common: Common = { nats: (textOption(values, 'nats') ?? '').split(',').map((url) => url.trim()).filter((url) => url !== ''), floor: textOption(values, 'floor') ?? 'main' };
  if (mode === 'serve') {
    const tokens = textOption(values, 'tokens');
    if (tokens === undefined) throw new UsageError('serve needs --tokens FILE: who each console token names');
    const port = Number(textOption(values, 'port'));
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number (got ${JSON.stringify(textOption(values, 'port'))})`);
    if (file !== undefined) throw new UsageError('serve takes no FILE');
    return { ...common, mode, port, host: textOption(values, 'host') ?? '127.0.0.1', tokens };
  }
  if (mode === 'publish') {
    const feedUrl = textOption(values, 'feed-url');
    if (feedUrl !== undefined && file !== undefined) throw new UsageError('publish reads either a feed (--feed-url) or FILE, not both');
    return { ...common, mode, feedUrl, feedToken: textOption(values, 'feed-token') ?? '', sourceName: textOption(values, 'source-name'), file: file === '-' ? undefined : file };
  }
  throw new UsageError(mode === undefined ? 'say what to do: serve or publish' : `unknown mode ${JSON.stringify(mode)}: serve or publish`);
}

const say = (line: string): void => {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
};

async function serve(request: Extract<Request, { mode: 'serve' }>, log: FloorLog): Promise<void> {
  const tokens = TokenTable.read(request.tokens);
  const relay = await startRelayServer({ log, tokens, host: request.host, port: request.port, report: say });
  // The line scripts wait for: the address consoles connect to.
  process.stdout.write(`${JSON.stringify({ relay: relay.url, floor: request.floor, users: tokens.size })}\n`);
  stopOnSignals(say, async () => {
    await relay.close();
    await log.close();
  });
}

async function publishLines(publisher: FloorPublisher, file: string | undefined): Promise<number> {
  const lines = createInterface({ input: file === undefined ? process.stdin : createReadStream(file), crlfDelay: Infinity });
  let batch: FloorEventInput[] = [];
  let bad = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      batch.push(JSON.parse(line) as FloorEventInput);
    } catch {
      bad += 1;
      say(`line ${lineNumber} skipped: not JSON`);
    }
    if (batch.length >= 1_000) {
      await publisher.publish(batch);
      batch = [];
    }
  }
  await publisher.publish(batch);
  return bad;
}

async function publish(request: Extract<Request, { mode: 'publish' }>, log: FloorLog): Promise<void> {
  const bridged = request.feedUrl !== undefined;
  const publisher = await FloorPublisher.open(log, {
    source: { name: request.sourceName ?? request.feedUrl ?? 'platform adapter', commands: bridged },
    onSkipped: (problem) => say(`event skipped: ${problem}`),
  });
  say(`writing floor ${request.floor} (epoch ${publisher.epoch}, head ${publisher.headSeq})`);
  if (request.feedUrl !== undefined) {
    const bridge = await startFeedBridge({
      log,
      publisher,
      url: request.feedUrl,
      token: request.feedToken,
      report: say,
      onFatal: (error) => {
        say(`floorwatch-relay publish stopped: ${error.message}`);
        process.exit(1);
      },
    });
    process.stdout.write(`${JSON.stringify({ publishing: request.floor, feed: request.feedUrl })}\n`);
    stopOnSignals(say, async () => {
      await bridge.close();
      await publisher.close();
      await log.close();
    });
    return;
  }
  const bad = await publishLines(publisher, request.file);
  await publisher.close();
  await log.close();
  say(`the input ended: log head ${publisher.headSeq}; ${publisher.skippedCount} events skipped by the schema, ${bad} lines not JSON`);
}

async function main(): Promise<void> {
  const request = readCommandLine(USAGE, () => parse(process.argv.slice(2)));
  if (request === null) return;
  say(`connecting to ${request.nats.join(', ')} for floor ${request.floor}`);
  const log = await openFloorLog({ servers: request.nats, floor: request.floor, name: `floorwatch-relay ${request.mode} ${process.pid}` });
  if (request.mode === 'serve') await serve(request, log);
  else await publish(request, log);
}

main().catch((error: unknown) => {
  say(`floorwatch-relay failed: ${errorMessage(error)}`);
  process.exit(1);
});
