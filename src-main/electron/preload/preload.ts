/**
 * The sandboxed preload: exposes exactly one narrow object, window.floorwatch (the API, and the
 * desktop bridge: notifications, attention, routes from outside, a page saved as PDF), checked against the shared
 * types. No ipcRenderer, no generic send, no event objects.
 */
import { contextBridge } from 'electron';
import type { FloorwatchBridge } from '../../../src-shared/api/contract.js';
import type { DesktopBridge } from '../../../src-shared/api/desktop.js';
import { invokeRequest, listenForNavigation, listenForPushes, requestPdf, sendAttention, sendNotice } from './ipc-renderer-bridge.js';

const desktop = {
  notify: (notice) => sendNotice(notice),
  setAttention: (attention) => sendAttention(attention),
  onNavigate: (listener) => listenForNavigation(listener),
  printToPdf: (request) => requestPdf(request),
} satisfies DesktopBridge;

const bridge = {
  request: (request) => invokeRequest(request),
  onPush: (listener) => listenForPushes(listener),
  desktop,
} satisfies FloorwatchBridge;

contextBridge.exposeInMainWorld('floorwatch', bridge);
