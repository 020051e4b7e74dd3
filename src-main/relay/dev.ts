/**
 * `npm run relay:dev`: a whole relayed floor on this machine, for trying a console against it
 * (docs/relay.md, "A floor on one machine"): Debian's nats-server with JetStream (its data in a
 * temporary folder), the simulator as the source, its publisher, and one relay on port 7800 (or
 * FLOORWATCH_RELAY_PORT), with the simulator's demo users as the relay's tokens. Prints how to
 * connect; Ctrl-C stops everything and removes the data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage } from '../../src-shared/errors.js';
import { startSimServer } from '../sim/server.js';
import { startFeedBridge } from './feed-bridge.js';
import { openFloorLog } from './floor-log.js';
import { startNatsServer } from './nats-server-process.js';
import { FloorPublisher } from './publisher.js';
import { startRelayServer } from './relay-server.js';
import { stopOnSignals } from './stop-on-signals.js';
import { TokenTable } from './tokens.js';
import type { TokenFile } from './tokens.js';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'floorwatch-relay-dev-'));
  const nats = await startNatsServer({ dataDir: join(dataDir, 'jetstream') });
  const sim = await startSimServer({ tokenSeed: `relay-dev-${Date.now()}`, speed: 1 });
  const users = sim.users();
  const admin = users.find((entry) => entry.user.role === 'admin');
  if (admin === undefined) throw new Error('the simulator has no admin demo user');
  const floor = 'dev';
  const publisherLog = await openFloorLog({ servers: nats.url, floor, name: 'relay-dev publisher' });
  const publisher = await FloorPublisher.open(publisherLog, { source: { name: 'the simulator', commands: true }, onSkipped: (problem) => say(`event skipped: ${problem}`) });
  const bridge = await startFeedBridge({ log: publisherLog, publisher, url: sim.url, token: admin.token, report: (line) => say(`publisher: ${line}`) });
  const tokensFile = join(dataDir, 'tokens.json');
  const file: TokenFile = { users: users.map(({ user, token }) => ({ token, user })) };
  writeFileSync(tokensFile, JSON.stringify(file, null, 2), { mode: 0o600 });
  const relayLog = await openFloorLog({ servers: nats.url, floor, name: 'relay-dev relay' });
  const relay = await startRelayServer({ log: relayLog, tokens: TokenTable.read(tokensFile), port: Number(process.env.FLOORWATCH_RELAY_PORT ?? 7800), report: (line) => say(`relay: ${line}`) });

  process.stdout.write(`Floorwatch relay (development floor "${floor}")\n`);
  process.stdout.write(`  NATS JetStream  ${nats.url} (data in ${dataDir})\n  source          the simulator, ${sim.url}\n  relay           ${relay.url}\n\n`);
  process.stdout.write(`Connect a console: npm start -- --feed-url ${relay.url} --feed-token TOKEN\n`);
  process.stdout.write(`More relays: npm run -s relay -- serve --nats ${nats.url} --floor ${floor} --tokens ${tokensFile} --port 0\n\nTokens:\n`);
  for (const { user, token } of users) {
    process.stdout.write(`  ${user.userId.padEnd(14)} ${user.role.padEnd(21)} ${(user.queueScope === null ? 'all queues' : user.queueScope.join(', ')).padEnd(20)} ${token}\n`);
  }

  stopOnSignals(say, async () => {
    await relay.close();
    await relayLog.close();
    await bridge.close();
    await publisher.close();
    await publisherLog.close();
    await sim.close();
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

main().catch((error: unknown) => {
  say(`relay:dev failed: ${errorMessage(error)}`);
  process.exit(1);
});
