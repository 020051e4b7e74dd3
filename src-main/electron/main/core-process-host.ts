/**
 * Forks the core into an Electron utility process and connects it to a CoreClient, so SQLite and
 * feed ingest never run on the main thread and a window never freezes on a slow query.
 */
import { utilityProcess } from 'electron';
import { createCoreClient, type CoreClient } from './core-client.js';
import type { PushMessage } from '../common/ipc-channels.js';
import { CORE_NODE_FLAGS } from '../../core/runtime-flags.js';
import { errorMessage } from '../../../src-shared/errors.js';
import { parsePdfAsk, type PdfAnswer } from '../common/pdf-protocol.js';

export interface CoreProcessOptions {
  readonly modulePath: string;
  readonly argv: readonly string[];
  readonly dataDir: string;
  readonly onPush: (windowId: number, message: PushMessage) => void;
  readonly onFailure: (reason: string) => void;
  /** Draws a report's print document as a PDF, for the core. */
  readonly renderPdf: (html: string) => Promise<Uint8Array>;
}

export interface CoreProcess {
  readonly client: CoreClient;
  /** Closes the core cleanly, then makes sure its process is gone. */
  stop(): Promise<void>;
}

/** Starts the core process; requests may be sent at once (they wait in the process until the core is up). */
export function startCoreProcess(options: CoreProcessOptions): CoreProcess {
  // The environment is inherited: it carries the feed settings and FLOORWATCH_SQLITE_BINDING.
  const child = utilityProcess.fork(options.modulePath, [], { serviceName: 'Floorwatch core', stdio: 'inherit', execArgv: [...CORE_NODE_FLAGS] });
  const client = createCoreClient({
    post: (message) => child.postMessage(message),
    onPush: options.onPush,
    onFailure: options.onFailure,
    schedule: (delayMs, run) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
  });
  child.on('message', (message: unknown) => {
    const ask = parsePdfAsk(message);
    if (ask === null) {
      client.receive(message);
      return;
    }
    const answer = (reply: PdfAnswer): void => {
      if (client.state === 'starting' || client.state === 'ready') child.postMessage(reply);
    };
    options.renderPdf(ask.html).then(
      (pdf) => answer({ kind: 'pdf-rendered', requestId: ask.requestId, pdf }),
      (error: unknown) => answer({ kind: 'pdf-failed', requestId: ask.requestId, error: errorMessage(error).slice(0, 2000) }),
    );
  });
  child.on('exit', (code) => client.exited(code));
  client.start(options.argv, options.dataDir);
  return {
    client,
    async stop() {
      await client.shutdown();
      if (client.state !== 'stopped') child.kill();
    },
  };
}
