/**
 * An open API socket joined to the core: the console's under the console's session, a wallboard
 * device's under its own read-only one. Loaded with the core (the listener serves the page before,
 * host/server.ts), since the connection brings the API's message schemas.
 */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../src-shared/api/contract.js';
import type { ApiService } from '../core/api/api-service.js';
import { createApiConnection, type ApiMessageCounter } from '../core/api/api-connection.js';
import type { Session } from '../core/api/session.js';
import { deviceSession } from '../core/wallboard/devices.js';
import type { DeviceGate } from './lan-gate.js';

/** Runs the API for one open socket under `session` until it closes. */
export function attachApiSocket(ws: WebSocket, api: ApiService, session: Session, maxBufferedBytes: number, counts?: ApiMessageCounter): void {
  const connection = createApiConnection({
    api,
    session,
    counts,
    send: (message: ServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        ws.close(1013, 'Too slow; reconnect for a fresh snapshot');
        return;
      }
      ws.send(JSON.stringify(message));
    },
  });
  ws.on('message', (data, isBinary) => {
    // A binary frame is answered and counted too (as unreadable), never dropped.
    connection.receive(isBinary ? new Uint8Array(0) : data.toString());
  });
  ws.on('close', () => connection.close());
  ws.on('error', () => ws.terminate());
}

/**
 * Opens a device's socket: counted against the gate's limits (closed at once with the reason when
 * one is reached), released when it closes.
 */
export function attachDeviceSocket(
  ws: WebSocket,
  options: { api: ApiService; gate: DeviceGate; token: string; remoteAddress: string | null; maxBufferedBytes: number; counts?: ApiMessageCounter },
): void {
  // Checked again now the socket is open: a revoke may have landed during the handshake.
  const device = options.gate.authenticate(options.token);
  if (device === null) {
    ws.close(1008, 'This wallboard device was revoked');
    return;
  }
  const admission = options.gate.admit(device, ws, options.remoteAddress);
  if (!admission.ok) {
    ws.close(admission.code, admission.reason);
    return;
  }
  ws.on('close', admission.release);
  attachApiSocket(ws, options.api, deviceSession(device), options.maxBufferedBytes, options.counts);
}
