/**
 * The replay area (src-shared/api/replay.ts, docs/decisions/0025-floor-replay.md): the floor at a
 * past instant or event of the live stream's current epoch, rebuilt from replay checkpoints and the
 * stored log, shown through the same tile builder as the live overview and scoped like it.
 */
import type { ReplayFrame, ReplayQueryResults } from '../../../src-shared/api/replay.js';
import { LIVE_STREAM } from '../../../src-shared/protocol/frames.js';
import { fail, forbidden, ok, type Result } from '../../../src-shared/result.js';
import type { ApiArea } from '../api/handlers.js';
import type { Access } from '../api/session.js';
import type { CoreContext } from '../core-context.js';
import { buildQueueTile } from '../floor-state/overview.js';
import { createReplayEngine, type ReplayedFloor } from './replay-engine.js';
import { createTranscriptSource } from '../live-insights/transcript-source.js';
import { createReplayLog, type ReplayLog } from './replay-log.js';
import { buildReplayQueue, buildReplayTranscript } from './replay-views.js';
import { startReplayRecorder, type ReplayRecorder, type ReplayRecorderOptions } from './replay-recorder.js';

/** Messages a replayed transcript shows at most (the latest ones up to the instant), as the live one does. */
const TRANSCRIPT_MESSAGES = 1_000;

export type ReplayArea = ApiArea<keyof ReplayQueryResults, never, never>;

/** The replay area over the core context: starts recording checkpoints and answers the replay queries. */
export function createReplayApi(context: CoreContext, options: ReplayRecorderOptions = {}): ReplayArea & { readonly log: ReplayLog; readonly recorder: ReplayRecorder } {
  const log = context.store.repository(createReplayLog);
  const engine = createReplayEngine(log, LIVE_STREAM);
  const stored = context.store.repository(createTranscriptSource);
  const recorder = startReplayRecorder(context, context.store, log, options);

  function currentEpoch(): string | null {
    return context.store.streamPosition(LIVE_STREAM)?.epoch ?? null;
  }

  function frame(access: Access, epoch: string, at: number, floor: ReplayedFloor): ReplayFrame {
    const { state, lastEvent } = floor;
    const tiles = [...state.queues.keys()].filter((queueId) => access.sees(queueId)).map((queueId) => buildQueueTile(state, queueId, at));
    tiles.sort((a, b) => a.name.localeCompare(b.name) || (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
    return { epoch, at, seq: state.lastSeq, eventType: lastEvent?.type ?? null, tiles };
  }

  function atSeq(access: Access, epoch: string, seq: number): Result<ReplayFrame> {
    const rebuilt = engine.rebuild(epoch, { kind: 'seq', seq });
    if (!rebuilt.ok) return rebuilt;
    const at = rebuilt.value.lastEvent?.time ?? rebuilt.value.state.lastEventTime;
    return ok(frame(access, epoch, at, rebuilt.value));
  }

  function rebuildAt(at: number): Result<{ readonly epoch: string; readonly floor: ReplayedFloor }> {
    const epoch = currentEpoch();
    if (epoch === null) return fail('The local log holds nothing to replay yet.');
    const rebuilt = engine.rebuild(epoch, { kind: 'instant', at });
    return rebuilt.ok ? ok({ epoch, floor: rebuilt.value }) : rebuilt;
  }

  return {
    log,
    recorder,
    queries: {
      'replay.range': () => {
        const epoch = currentEpoch();
        const first = epoch === null ? null : log.firstCheckpoint(LIVE_STREAM, epoch);
        if (epoch === null || first === null) return fail('The local log holds nothing to replay yet.');
        return ok({ epoch, from: first.time, to: Math.max(first.time, log.lastEventTime(LIVE_STREAM, epoch) ?? first.time) });
      },
      'replay.frame': (access, query) => {
        const rebuilt = rebuildAt(query.at);
        return rebuilt.ok ? ok(frame(access, rebuilt.value.epoch, query.at, rebuilt.value.floor)) : rebuilt;
      },
      'replay.queue': (access, query) => {
        if (!access.sees(query.queueId)) return forbidden('That queue is outside your scope.');
        const rebuilt = rebuildAt(query.at);
        if (!rebuilt.ok) return rebuilt;
        const queue = buildReplayQueue(rebuilt.value.floor.state, rebuilt.value.epoch, query.at, query.queueId);
        return queue === null ? fail('The floor did not know that queue at that moment.') : ok(queue);
      },
      'replay.transcript': (access, query) => {
        const rebuilt = rebuildAt(query.at);
        if (!rebuilt.ok) return rebuilt;
        const row = stored.conversation(query.conversationId);
        const messages = log.messagesUntil(query.conversationId, query.at, TRANSCRIPT_MESSAGES);
        const transcript = buildReplayTranscript(rebuilt.value.floor.state, query.conversationId, query.at, row, messages);
        // An unknown conversation and one outside the scope read alike, so ids cannot be probed.
        if (transcript === null || !access.sees(transcript.queueId)) return forbidden('No such conversation in your scope.');
        return ok({ ...transcript, queueName: transcript.queueName ?? stored.queueName(transcript.queueId) ?? transcript.queueId });
      },
      'replay.step': (access, query) => {
        if (query.direction === 'forward') {
          const next = log.eventsAfter(LIVE_STREAM, query.epoch, query.seq, 1)[0];
          if (next === undefined) return fail('This is the last event the local log holds.');
          return atSeq(access, query.epoch, next.seq);
        }
        const previous = log.seqBefore(LIVE_STREAM, query.epoch, query.seq);
        const first = log.firstCheckpoint(LIVE_STREAM, query.epoch);
        if (first === null || query.seq <= first.seq) return fail('This is the first moment the local log holds.');
        return atSeq(access, query.epoch, Math.max(first.seq, previous ?? first.seq));
      },
    },
    topics: {},
    commands: {},
    // A checkpoint still being written is dropped, not awaited: it is a seek point, and the next
    // start records one when the newest is behind the log (replay-recorder.ts).
    close: () => recorder.stop(),
  };
}
