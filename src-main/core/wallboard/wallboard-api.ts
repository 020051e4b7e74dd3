/** Wallboards' part of the API (src-shared/api/wallboard.ts). */
import { fail } from '../../../src-shared/result.js';
import type { ApiAreas } from '../api/api-service.js';
import type { CoreContext } from '../core-context.js';

const unavailable = () => fail('Not available in this version.');

export function createWallboardApi(_context: CoreContext): ApiAreas['wallboard'] {
  return {
    queries: {
      'wallboard.setup': unavailable,
      'wallboard.devices': unavailable,
      'wallboard.lan': unavailable,
    },
    topics: {
      'wallboard.live': unavailable,
    },
    commands: {
      'wallboard.board.save': unavailable,
      'wallboard.board.delete': unavailable,
      'wallboard.board.import': unavailable,
      'wallboard.playlist.save': unavailable,
      'wallboard.lan.set': unavailable,
      'wallboard.device.create': unavailable,
      'wallboard.device.revoke': unavailable,
    },
  };
}
