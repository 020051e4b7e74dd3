/**
 * A feed process that serves a recorded history backfill (bench/backfill.ts): the simulator's
 * history, generated once and kept as one JSON array of events per line, sent over a real WebSocket
 * as the simulator sends it (5,000 events a `backfill` frame, pausing while the socket is full), so
 * that the figure measures the console's side rather than the simulator's generator. It answers
 * hello with a quiet live stream and any backfill request with the recording.
 *
 * Usage: node dist/bench/recorded-feed.mjs <recording.jsonl> [--console-user] [--epoch E] [--id-prefix P];
 * prints "listening on ws://…", then "backfill sent N" as frames go and "backfill done N" after the last.
 * --console-user: the welcome names a WFM leader (v1.1), so a host's console may use the
 * Conversation Manager (a v1 welcome gets least privilege). --epoch and --id-prefix make a run's
 * events and conversations new to a cache that already holds an earlier run's: a real backfill each
 * time, not one the store's event keys skip (bench/history-ui.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { HISTORY_STREAM, LIVE_STREAM, PROTOCOL_VERSION, type FeedUser } from '../src-shared/protocol/frames.js';

const HIGH_WATER_BYTES = 8 * 1024 * 1024;
const PROGRESS_EVERY_FRAMES = 20;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'console-user': { type: 'boolean', default: false }, epoch: { type: 'string', default: 'bench-recorded' }, 'id-prefix': { type: 'string', default: '' } },
});
const recordingPath = positionals[0];
if (recordingPath === undefined) throw new Error('usage: recorded-feed <recording.jsonl> [--console-user] [--epoch E] [--id-prefix P]');
const EPOCH = values.epoch;
const CONSOLE_USER: FeedUser = { userId: 'bench-wfm-leader', name: 'Bench WFM leader', role: 'wfm_leader', queueScope: null };
const prefix = values['id-prefix'];
const frames = readFileSync(recordingPath, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => (prefix === '' ? line : line.replaceAll('"conversationId":"', `"conversationId":"${prefix}`)));
const counts = frames.map((line) => (JSON.parse(line) as unknown[]).length);
const total = counts.reduce((sum, count) => sum + count, 0);

function send(socket: WebSocket, data: string): Promise<void> {
  if (socket.bufferedAmount <= HIGH_WATER_BYTES) {
    socket.send(data);
    return new Promise((resolve) => setImmediate(resolve));
  }
  return new Promise((resolve) => socket.send(data, () => resolve()));
}

async function backfill(socket: WebSocket, requestId: string): Promise<void> {
  let sent = 0;
  for (let index = 0; index < frames.length && socket.readyState === socket.OPEN; index += 1) {
    sent += counts[index] ?? 0;
    const done = index === frames.length - 1;
    const head = JSON.stringify({ type: 'backfill', requestId, stream: HISTORY_STREAM, epoch: EPOCH, progress: { sentEvents: sent, totalEvents: total }, done });
    await send(socket, `${head.slice(0, -1)},"events":${frames[index] ?? '[]'}}`);
    if (done) process.stdout.write(`backfill done ${sent}\n`);
    else if (index % PROGRESS_EVERY_FRAMES === 0) process.stdout.write(`backfill sent ${sent}\n`);
  }
}

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { type: string; requestId?: string };
    if (frame.type === 'hello') {
      socket.send(
        JSON.stringify({
          type: 'welcome',
          protocolVersion: PROTOCOL_VERSION,
          sessionId: 'recorded',
          heartbeatIntervalMs: 60_000,
          streams: [{ stream: LIVE_STREAM, epoch: EPOCH, resume: 'replay', headSeq: 0 }],
          ...(values['console-user'] ? { user: CONSOLE_USER } : {}),
        }),
      );
    } else if (frame.type === 'backfill.request' && frame.requestId !== undefined) {
      void backfill(socket, frame.requestId);
    }
  });
});
server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address !== null) process.stdout.write(`listening on ws://127.0.0.1:${address.port}\n`);
});
