/**
 * The sandboxed preload: exposes exactly one narrow object, window.floorwatch, checked against
 * the shared FloorwatchBridge type. No ipcRenderer, no generic send, no event objects.
 */
import { contextBridge } from 'electron';
import type { FloorwatchBridge } from '../../../src-shared/api/contract.js';
import { invokeRequest, listenForPushes } from './ipc-renderer-bridge.js';

const bridge = {
  request: (request) => invokeRequest(request),
  onPush: (listener) => listenForPushes(listener),
} satisfies FloorwatchBridge;

contextBridge.exposeInMainWorld('floorwatch', bridge);
