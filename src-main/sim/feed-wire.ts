/**
 * The wire of a feed server, shared by the simulator's server and the relay (src-main/relay): the
 * limits every feed server here keeps, a client frame read and checked, a snapshot sent as one frame
 * or in chunks paced by the socket, and the HTTP server the WebSocket server lives on.
 */
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../src-shared/protocol/events.js';
import type { FloorEventInput } from '../../src-shared/protocol/events.js';
import { CLOSE_CODES, LIVE_STREAM, clientFrameSchema } from '../../src-shared/protocol/frames.js';
import type { AuditHead, ClientFrame, FeedErrorCode, FeedUser, ServerFrame } from '../../src-shared/protocol/frames.js';
import { errorMessage } from '../../src-shared/errors.js';
import { chunkedSnapshotFrames, singleSnapshotFrame } from './snapshot-frames.js';
import type { SnapshotHeader } from './snapshot-frames.js';

/** Events in one `events` or `backfill` frame at most. */
export const MAX_EVENTS_PER_FRAME = 5_000;
/** Above this much unsent data a client is not fed more until it drains. */
export const PUMP_HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** A client this far behind is cut; it will come back and resume. */
export const SLOW_CLIENT_LIMIT_BYTES = 64 * 1024 * 1024;
/** A one-frame snapshot must fit under the receivers' default limit (4 MiB); larger floors go in chunks (v1.1). */
export const SNAPSHOT_BUDGET_BYTES = 3_500_000;
/** The largest frame a client may send. */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

/** A connection as both servers keep it. */
export interface WireClient {
  readonly socket: WebSocket;
  readonly sessionId: string;
  closed: boolean;
  /** The hello accepted snapshots in chunks (v1.1). */
  chunked: boolean;
}

/**
 * Keeps a new connection in `clients` until its socket closes or fails, and hands it each frame; a
 * frame whose handling throws is answered with an `internal` error, and the connection goes on.
 */
export function keepClient<C extends WireClient>(client: C, clients: Set<C>, onFrame: (data: RawData, isBinary: boolean) => void, sendError: (code: FeedErrorCode, message: string) => void): void {
  clients.add(client);
  client.socket.on('message', (data, isBinary) => {
    try {
      onFrame(data, isBinary);
    } catch (error) {
      sendError('internal', errorMessage(error));
    }
  });
  const gone = (): void => {
    client.closed = true;
    clients.delete(client);
  };
  client.socket.on('close', gone);
  client.socket.on('error', gone);
}

/** A client frame checked against the protocol, or what is wrong with it (the text of a `bad_frame` error). */
export function readClientFrame(data: RawData, isBinary: boolean): ClientFrame | string {
  if (isBinary) return 'frames are JSON text';
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString());
  } catch {
    return 'not JSON';
  }
  const checked = clientFrameSchema.safeParse(parsed);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  return `invalid frame: ${issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'schema mismatch'}`;
}

/** Sends a frame unless the client is gone; a client holding more than SLOW_CLIENT_LIMIT_BYTES unsent is handed to `tooSlow`. */
export function sendTo(client: WireClient, frame: ServerFrame | string, tooSlow: (client: WireClient) => void): void {
  if (client.closed || client.socket.readyState !== client.socket.OPEN) return;
  client.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  if (client.socket.bufferedAmount > SLOW_CLIENT_LIMIT_BYTES) tooSlow(client);
}

/** An `error` frame, its message cut to the protocol's 1,000 characters. */
export function errorFrame(code: FeedErrorCode, message: string): ServerFrame {
  return { type: 'error', code, message: message.slice(0, 1000) };
}

/** Says why, then closes with the protocol's code: the hello is refused. */
export function refuse(client: WireClient, send: (frame: ServerFrame) => void, code: FeedErrorCode, closeCode: number, message: string, reason: string): void {
  send(errorFrame(code, message));
  client.closed = true;
  client.socket.close(closeCode, reason);
}

/** The welcome of a feed with one live stream: the user the token names, and how the client resumes. */
export function welcomeFrame(client: WireClient, welcome: { readonly heartbeatIntervalMs: number; readonly epoch: string; readonly replay: boolean; readonly headSeq: number; readonly user: FeedUser; readonly auditAnchor: AuditHead | null }): ServerFrame {
  return {
    type: 'welcome',
    protocolVersion: PROTOCOL_VERSION,
    minor: PROTOCOL_MINOR,
    sessionId: client.sessionId,
    heartbeatIntervalMs: welcome.heartbeatIntervalMs,
    streams: [{ stream: LIVE_STREAM, epoch: welcome.epoch, resume: welcome.replay ? 'replay' : 'snapshot', headSeq: welcome.headSeq }],
    user: welcome.user,
    auditAnchor: welcome.auditAnchor,
    ...(client.chunked ? { chunkedSnapshots: true } : {}),
  };
}

/** A hello of another protocol version is refused (4002). */
export function refuseVersion(client: WireClient, version: number, send: (frame: ServerFrame) => void): void {
  refuse(client, send, 'unsupported_version', CLOSE_CODES.unsupportedVersion, `protocol version ${version} is not supported; this feed speaks ${PROTOCOL_VERSION}`, 'unsupported version');
}

/** A hello whose token names nobody is refused (4001). */
export function refuseToken(client: WireClient, send: (frame: ServerFrame) => void): void {
  refuse(client, send, 'unauthorized', CLOSE_CODES.unauthorized, 'the token is missing or wrong', 'unauthorized');
}

/**
 * Sends a snapshot: in chunks, paced by the socket, to a client that accepts them (`busy` is set
 * meanwhile and cleared after); otherwise as one frame, without the messages of conversations in
 * progress when that is what fits, or a clear refusal when even that does not.
 */
export async function sendSnapshotTo(
  client: WireClient,
  header: SnapshotHeader,
  snapshotId: string,
  events: () => readonly FloorEventInput[],
  withoutMessages: () => readonly FloorEventInput[],
  send: (frame: ServerFrame | string) => void,
  busy: (on: boolean) => void,
): Promise<void> {
  if (!client.chunked) {
    const frame = singleSnapshotFrame(header, events(), SNAPSHOT_BUDGET_BYTES) ?? singleSnapshotFrame(header, withoutMessages(), SNAPSHOT_BUDGET_BYTES);
    if (frame !== null) return send(frame);
    const message = `this floor's snapshot does not fit in one frame of ${SNAPSHOT_BUDGET_BYTES} bytes; connect with a console that accepts chunked snapshots (protocol v1.1)`;
    return refuse(client, send, 'unsupported_version', CLOSE_CODES.unsupportedVersion, message, 'snapshot too large for one frame');
  }
  busy(true);
  try {
    for (const frame of chunkedSnapshotFrames(header, snapshotId, events())) {
      if (client.closed || client.socket.readyState !== client.socket.OPEN) return;
      if (client.socket.bufferedAmount > PUMP_HIGH_WATER_BYTES) await new Promise<void>((resolve) => client.socket.send(frame, () => resolve()));
      else send(frame);
    }
  } finally {
    busy(false);
  }
}

export interface FeedListener {
  readonly port: number;
  /** Cuts every socket and stops listening. */
  close(): Promise<void>;
}

/** An HTTP server that answers plain requests with 426 and hands WebSocket connections to `attach`. */
export async function listenForFeed(host: string, port: number, banner: string, attach: (socket: WebSocket) => void): Promise<FeedListener> {
  const server: HttpServer = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end(`${banner}: connect with a WebSocket.\n`);
  });
  const wss = new WebSocketServer({ server, maxPayload: MAX_CLIENT_FRAME_BYTES });
  wss.on('connection', attach);
  wss.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: address !== null && typeof address === 'object' ? address.port : port,
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
