/**
 * The API socket's constants, apart from the message schemas (contract.ts re-exports them): the
 * host's listener reads them before the core and its schemas are loaded (ADR 0048, addendum).
 */

/** Largest UI→core message accepted by either transport (an imported board document fits). */
export const MAX_CLIENT_MESSAGE_BYTES = 512 * 1024;

/** WebSocket subprotocols of the host's API bridge: the first names the API, the second carries the token. */
export const API_SUBPROTOCOL = 'floorwatch-api-v1';
export const API_TOKEN_SUBPROTOCOL_PREFIX = 'auth.';
export const API_PATH = '/api';

/** The close code of console sockets after a token rotation: the UI reconnects with the new token. */
export const CLOSE_CONSOLE_TOKEN_ROTATED = 4011;
