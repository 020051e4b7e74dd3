/**
 * A process that ingests a synthetic floor into the store at argv[2] as fast as it can and prints
 * the last committed seq after every batch, until it is killed. Used by crash-safety.test.ts.
 * With argv[3] = 'checkpointer' the WAL checkpoint worker runs beside it, as in the core.
 */
import type { FloorEvent, FloorEventInput } from '../../../../src-shared/protocol/events.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { openStore } from '../../../../src-main/core/store/store.js';
import { startWalCheckpointer } from '../../../../src-main/core/store/wal-checkpointer.js';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-writer <database path>');
const store = openStore({ path, migrations: AREA_MIGRATIONS });
if (process.argv[3] === 'checkpointer') startWalCheckpointer({ path, intervalMs: 5 });
const start = Date.UTC(2025, 0, 6, 9);
let seq = store.streamPosition('floor')?.lastSeq ?? 0;

function conversation(index: number, time: number): FloorEventInput[] {
  const conversationId = `c-${index}`;
  return [
    { type: 'conversation.created', time, conversationId, channel: 'chat', queueId: 'q-1', intent: 'billing', customer: { customerId: `cu-${index}` } },
    { type: 'conversation.queued', time, conversationId, queueId: 'q-1' },
    { type: 'conversation.assigned', time: time + 1, conversationId, queueId: 'q-1', agentId: `a-${index % 7}` },
    { type: 'conversation.message', time: time + 2, conversationId, messageId: 'm-1', sender: 'customer', kind: 'text', text: `invoice ${index} is wrong` },
    { type: 'conversation.message', time: time + 3, conversationId, messageId: 'm-2', sender: 'agent', senderId: 'a-1', kind: 'text', text: 'let me look' },
    { type: 'conversation.ended', time: time + 4, conversationId, disposition: 'resolved' },
  ];
}

for (let batchIndex = 0; batchIndex < 1_000_000; batchIndex += 1) {
  const events: FloorEvent[] = [];
  for (let index = 0; index < 40; index += 1) {
    const conversationIndex = batchIndex * 40 + index + seq;
    for (const input of conversation(conversationIndex, start + conversationIndex * 10)) {
      seq += 1;
      events.push({ ...input, seq } as FloorEvent);
    }
  }
  store.ingestBatch({ stream: 'floor', epoch: 'crash-epoch', events, lastSeq: seq });
  process.stdout.write(`committed ${seq}\n`);
}
