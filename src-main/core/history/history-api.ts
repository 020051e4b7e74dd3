/** The Conversation Manager's part of the API (src-shared/api/history.ts). */
import { fail } from '../../../src-shared/result.js';
import type { ApiAreas } from '../api/api-service.js';
import type { CoreContext } from '../core-context.js';

const unavailable = () => fail('Not available in this version.');

export function createHistoryApi(_context: CoreContext): ApiAreas['history'] {
  return {
    queries: {
      'history.search': unavailable,
      'history.transcript': unavailable,
      'history.filterOptions': unavailable,
      'history.savedSearches': unavailable,
      'history.cacheInfo': unavailable,
      'history.export.chunk': unavailable,
    },
    topics: {
      'history.export': unavailable,
    },
    commands: {
      'history.note.add': unavailable,
      'history.savedSearch.save': unavailable,
      'history.savedSearch.delete': unavailable,
      'history.retention.set': unavailable,
      'history.backfill.start': unavailable,
      'history.export.start': unavailable,
      'history.export.cancel': unavailable,
    },
  };
}
