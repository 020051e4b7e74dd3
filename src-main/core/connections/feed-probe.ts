/**
 * "Test connection": opens one socket to a feed, says hello with the token, and reports what came
 * back — the user the feed names (protocol v1.1) or why it failed, sorted into causes a supervisor
 * can act on (unreachable, TLS, unauthorized, unsupported version, timeout, not a feed). Nothing
 * is stored; the socket is closed as soon as the answer is known.
 */
import { WebSocket } from 'ws';
import { z } from 'zod';
import type { ConnectionProblem, ConnectionTestResult } from '../../../src-shared/api/connection.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../../src-shared/protocol/frames.js';
import { displayUrl } from './connection-settings.js';

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export interface FeedProbeOptions {
  readonly url: string;
  readonly token: string;
  readonly clientVersion: string;
  readonly timeoutMs?: number;
}

/** What the probe reads of a welcome: its version and, from v1.1 on, the user. */
const welcomeSchema = z.object({
  type: z.literal('welcome'),
  protocolVersion: z.number().int(),
  user: z
    .object({ userId: z.string().max(128), name: z.string().max(200), role: z.string().max(64), queueScope: z.array(z.string().max(128)).max(1000).nullable() })
    .optional(),
});
const errorFrameSchema = z.object({ type: z.literal('error'), code: z.string(), message: z.string().max(1000) });

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ETIMEDOUT']);

/** Sorts a socket error into the cause the UI names. */
export function problemOf(error: unknown): ConnectionProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/u.test(code)) return 'tls';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (/wrong version number|ssl|tls/iu.test(errorMessage(error))) return 'tls';
  return 'unreachable';
}

function failure(problem: ConnectionProblem, message: string): ConnectionTestResult {
  return { ok: false, problem, message };
}

/** Words for each cause, with the address, so the message says what to check. */
function explain(problem: ConnectionProblem, url: string, detail: string): string {
  switch (problem) {
    case 'invalid_url':
      return `"${url}" is not a feed address: use ws:// or wss://.`;
    case 'unreachable':
      return `Could not reach ${url} (${detail}). Check the address and that the feed is running and reachable from this computer.`;
    case 'tls':
      return `The secure connection to ${url} failed (${detail}). Check that the address uses the right scheme (wss:// or ws://) and that the feed's certificate is valid.`;
    case 'unauthorized':
      return `${url} refused the token${detail ? ` (${detail})` : ''}. Check the token you were given for this feed.`;
    case 'unsupported_version':
      return `${url} speaks another protocol version${detail ? ` (${detail})` : ''}; this console speaks ${PROTOCOL_VERSION}.`;
    case 'timeout':
      return `${url} did not answer within ${detail}.`;
    case 'not_a_feed':
      return `${url} answered, but not as a Floorwatch feed (${detail}).`;
  }
}

/** Tests a feed: resolves (never rejects) with the user it names or the reason it failed. */
export function probeFeed(options: FeedProbeOptions): Promise<ConnectionTestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let shownUrl: string;
  try {
    const parsed = new URL(options.url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return Promise.resolve(failure('invalid_url', explain('invalid_url', options.url, '')));
    shownUrl = displayUrl(options.url);
  } catch {
    return Promise.resolve(failure('invalid_url', explain('invalid_url', options.url.slice(0, 200), '')));
  }
  const startedAt = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(options.url, { perMessageDeflate: false, handshakeTimeout: timeoutMs + 1_000, maxPayload: 64 * 1024 * 1024 });
    const finish = (result: ConnectionTestResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('message');
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'test done');
      else socket.terminate();
      resolve(result);
    };
    const fail = (problem: ConnectionProblem, detail: string): void => finish(failure(problem, explain(problem, shownUrl, detail)));
    const timer = setTimeout(() => fail('timeout', `${Math.round(timeoutMs / 1000)} s`), timeoutMs);

    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      if (status === 401 || status === 403) fail('unauthorized', `HTTP ${status}`);
      else fail('not_a_feed', `HTTP ${status} instead of a WebSocket`);
    });
    socket.on('error', (error) => fail(problemOf(error), errorMessage(error)));
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: options.token, client: { name: 'floorwatch', version: options.clientVersion.slice(0, 64) }, streams: [] }));
    });
    socket.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        fail('not_a_feed', 'a frame that is not JSON');
        return;
      }
      const welcome = welcomeSchema.safeParse(frame);
      if (welcome.success) {
        if (Math.floor(welcome.data.protocolVersion) !== PROTOCOL_VERSION) {
          fail('unsupported_version', `it speaks ${welcome.data.protocolVersion}`);
          return;
        }
        const user = welcome.data.user;
        finish({ ok: true, protocolVersion: welcome.data.protocolVersion, user: user ?? null, latencyMs: Date.now() - startedAt });
        return;
      }
      const error = errorFrameSchema.safeParse(frame);
      if (error.success) {
        if (error.data.code === 'unauthorized') fail('unauthorized', error.data.message);
        else if (error.data.code === 'unsupported_version') fail('unsupported_version', error.data.message);
        else fail('not_a_feed', `${error.data.code}: ${error.data.message}`);
        return;
      }
      fail('not_a_feed', 'the first frame was not a welcome');
    });
    socket.on('close', (code, reason) => {
      if (code === CLOSE_CODES.unauthorized) fail('unauthorized', reason.toString());
      else if (code === CLOSE_CODES.unsupportedVersion) fail('unsupported_version', reason.toString());
      else fail('not_a_feed', `closed with ${code}${reason.length > 0 ? ` ${reason.toString()}` : ''} before its welcome`);
    });
  });
}
