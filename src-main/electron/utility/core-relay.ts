/**
 * The core process's side of the main ↔ core protocol: starts the core when told, keeps one API
 * connection per window, relays messages both ways, and closes the core (flushing SQLite) before
 * the process exits. The process entry (core-process.ts) only plugs in parentPort and createCore,
 * so this runs and is tested under plain Node.
 */
import type { ServerMessage } from '../../../src-shared/api/contract.js';
import { assertNever, fail } from '../../../src-shared/result.js';
import type { ApiConnection } from '../../core/api/api-connection.js';
import { parseMainToCore, type CoreToMain, type MainToCore, type WindowAudience } from '../common/core-process-protocol.js';
import { errorMessage } from '../../../src-shared/errors.js';

/** A started core, seen from the relay. */
export interface RunningCore {
  /** Opens an API connection whose answers and pushes go to send, as the audience's session. */
  connect(send: (message: ServerMessage) => void, audience: WindowAudience): ApiConnection;
  /** Stops ingest and closes the store. */
  close(): Promise<void>;
}

export interface CoreRelayOptions {
  readonly start: (argv: readonly string[], dataDir: string) => Promise<RunningCore>;
  readonly post: (message: CoreToMain) => void;
  readonly exit: (code: number) => void;
}

export interface CoreRelay {
  /** A message from the main process; anything unreadable is ignored. */
  receive(message: unknown): void;
}

type Phase =
  | { readonly name: 'idle' }
  | { readonly name: 'starting'; readonly waiting: MainToCore[] }
  | { readonly name: 'ready'; readonly core: RunningCore }
  | { readonly name: 'failed'; readonly error: string }
  | { readonly name: 'stopping' };

/** Creates the relay; nothing happens until the main process sends `start`. */
export function createCoreRelay(options: CoreRelayOptions): CoreRelay {
  const { post } = options;
  const connections = new Map<number, ApiConnection>();
  // Kept for the window's whole life: a reload closes its connection, and the next one must be the same audience.
  const audiences = new Map<number, WindowAudience>();
  let phase: Phase = { name: 'idle' };
  let stopWhenStarted = false;

  function refuse(windowId: number, message: unknown, reason: string): void {
    const id = (message as { id?: unknown }).id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
      post({ kind: 'server', windowId, message: { kind: 'response', id, result: fail(reason) } });
    }
  }

  function connectionFor(core: RunningCore, windowId: number): ApiConnection {
    const existing = connections.get(windowId);
    if (existing) return existing;
    const connection = core.connect((message) => post({ kind: 'server', windowId, message }), audiences.get(windowId) ?? 'console');
    connections.set(windowId, connection);
    return connection;
  }

  async function stop(core: RunningCore | null): Promise<void> {
    phase = { name: 'stopping' };
    for (const connection of connections.values()) connection.close();
    connections.clear();
    try {
      await core?.close();
      post({ kind: 'stopped', error: null });
      options.exit(0);
    } catch (error) {
      post({ kind: 'stopped', error: errorMessage(error) });
      options.exit(1);
    }
  }

  function start(argv: readonly string[], dataDir: string): void {
    const waiting: MainToCore[] = [];
    phase = { name: 'starting', waiting };
    options.start(argv, dataDir).then(
      (core) => {
        if (stopWhenStarted) {
          void stop(core);
          return;
        }
        phase = { name: 'ready', core };
        post({ kind: 'ready' });
        for (const message of waiting) handle(message);
      },
      (error: unknown) => {
        const reason = `The core could not start: ${errorMessage(error)}`;
        phase = { name: 'failed', error: reason };
        post({ kind: 'failed', error: reason });
        if (stopWhenStarted) {
          void stop(null);
          return;
        }
        for (const message of waiting) handle(message);
      },
    );
  }

  function handle(message: MainToCore): void {
    switch (message.kind) {
      case 'start':
        if (phase.name === 'idle') start(message.argv, message.dataDir);
        return;
      case 'window-audience':
        if (audiences.has(message.windowId)) return;
        audiences.set(message.windowId, message.audience);
        // A connection opened before the window was named (never, by the order main sends in) would run as the wrong user.
        connections.get(message.windowId)?.close();
        connections.delete(message.windowId);
        return;
      case 'request':
      case 'close-window':
        switch (phase.name) {
          case 'starting':
            phase.waiting.push(message);
            return;
          case 'ready':
            if (message.kind === 'request') connectionFor(phase.core, message.windowId).receive(message.message);
            else {
              connections.get(message.windowId)?.close();
              connections.delete(message.windowId);
            }
            return;
          case 'idle':
          case 'failed':
          case 'stopping':
            if (message.kind === 'request') {
              const reason = phase.name === 'failed' ? phase.error : phase.name === 'idle' ? 'The core has not been started.' : 'The core is shutting down.';
              refuse(message.windowId, message.message, reason);
            }
            return;
          default:
            return assertNever(phase, 'phase');
        }
      case 'shutdown':
        switch (phase.name) {
          case 'starting':
            stopWhenStarted = true;
            return;
          case 'ready':
            void stop(phase.core);
            return;
          case 'idle':
          case 'failed':
            void stop(null);
            return;
          case 'stopping':
            return;
          default:
            return assertNever(phase, 'phase');
        }
      default:
        return assertNever(message, 'message');
    }
  }

  return {
    receive(raw) {
      const message = parseMainToCore(raw);
      if (message !== null) handle(message);
    },
  };
}
