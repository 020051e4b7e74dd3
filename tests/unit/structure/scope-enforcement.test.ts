/**
 * One enforcement point for role and queue scope (docs/decisions/0018-one-enforcement-point.md):
 * the API service turns each session into an Access, handlers only ever see that Access, and every
 * read of queue-bound data requires the QueueScope it carries. These guards fail when a handler
 * could read data without saying whose scope it runs under.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Access, QueueScope } from '../../../src-main/core/api/session.js';
import type { CommandHandlers, QueryHandlers, TopicHandlers } from '../../../src-main/core/api/handlers.js';
import type { HistoryLookups } from '../../../src-main/core/history/lookups.js';
import type { RetentionService } from '../../../src-main/core/history/retention.js';
import type { HistorySearcher } from '../../../src-main/core/history/search.js';
import type { TranscriptReader } from '../../../src-main/core/history/transcript.js';
import type { ExportSources } from '../../../src-main/core/history/exports.js';
import type { AuditListQuery } from '../../../src-main/core/live-insights/audit-log.js';
import type { Store } from '../../../src-main/core/store/store.js';
import type { CommandType, QueryType, Topic } from '../../../src-shared/api/contract.js';
import { readSource, sourceFiles } from './source-tree.js';

/** The only files that may make a QueueScope: its module, and the API service's session-to-Access step. */
const SCOPE_MAKERS = ['src-main/core/queue-scope.ts', 'src-main/core/api/session.ts'];
/** Background work that reads the whole cache under no user (none reads queue-bound data through a scope yet). */
const WHOLE_CACHE_USERS = ['src-main/core/queue-scope.ts'];

const MAIN_FILES = sourceFiles(['src-main']).filter((path) => path.endsWith('.ts'));

/** Files that build an area's handler table: they see the Access, never the raw session or its scope list. */
const HANDLER_FILES = MAIN_FILES.filter((path) => /\b(ApiAreas\[|QueryHandlers<|TopicHandlers<|CommandHandlers<)/u.test(readSource(path)) && !path.startsWith('src-main/core/api/handlers.ts'));

describe('scope enforcement', () => {
  it('finds the handler files', () => {
    expect(HANDLER_FILES).toEqual(
      expect.arrayContaining([
        'src-main/core/api/api-service.ts',
        'src-main/core/history/history-api.ts',
        'src-main/core/live-insights/views-api.ts',
        'src-main/core/live-insights/actions-api.ts',
        'src-main/core/wallboard/wallboard-api.ts',
      ]),
    );
  });

  it('lets only the API service make a queue scope from a session', () => {
    const offenders = MAIN_FILES.filter((path) => !SCOPE_MAKERS.includes(path) && /\bscopeOf\(/u.test(readSource(path)));
    expect(offenders, 'a QueueScope must come from accessFor(session) in the API service').toEqual([]);
  });

  it('keeps the whole-cache scope to listed background work', () => {
    const offenders = MAIN_FILES.filter((path) => !WHOLE_CACHE_USERS.includes(path) && /\bWHOLE_CACHE\b/u.test(readSource(path)));
    expect(offenders, 'add background work to WHOLE_CACHE_USERS only after review; handlers use access.scope').toEqual([]);
  });

  it('gives handlers no raw session, scope list or hand-made scope test', () => {
    // The API folder is the enforcement point itself (the service and the command ledger wrapping the handlers).
    for (const path of HANDLER_FILES.filter((file) => !file.startsWith('src-main/core/api/'))) {
      const source = readSource(path);
      expect(/\btype Session\b|\bSession\b[,}]/u.test(source), `${path} imports Session: handlers take an Access`).toBe(false);
      expect(/\.queueScope\b/u.test(source), `${path} reads .queueScope: use access.scope (reads) or access.sees (checks)`).toBe(false);
      expect(/\binScope\(/u.test(source.replaceAll(/^\s*inScope: /gmu, '')), `${path} tests scope by hand: use access.sees`).toBe(false);
    }
  });

  it('has the API service check every request through an Access', () => {
    const source = readSource('src-main/core/api/api-service.ts');
    for (const kind of ['query', 'subscribe', 'command']) {
      expect(source, `${kind} makes its Access first`).toMatch(new RegExp(`\\n    (async )?${kind}\\(session, [a-z]+(, [a-zA-Z]+)*\\) \\{\\n      const access = accessFor\\(session\\);`, 'u'));
    }
  });

  it('types every handler with an Access and every queue-bound read with a QueueScope', () => {
    expectTypeOf<Parameters<QueryHandlers<QueryType>['history.search']>[0]>().toEqualTypeOf<Access>();
    expectTypeOf<Parameters<TopicHandlers<Topic>['overview']>[0]>().toEqualTypeOf<Access>();
    expectTypeOf<Parameters<CommandHandlers<CommandType>['wallboard.device.create']>[0]>().toEqualTypeOf<Access>();
    expectTypeOf<Parameters<Store['recentConversations']>[0]['queueScope']>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<Store['searchMessages']>[0]['queueScope']>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<HistorySearcher['search']>[0]>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<HistorySearcher['conversationIds']>[0]>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<TranscriptReader['read']>[0]>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<RetentionService['info']>[0]>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<HistoryLookups['readableOf']>[0]>().toEqualTypeOf<QueueScope>();
    expectTypeOf<Parameters<ExportSources['transcript']>[0]>().toEqualTypeOf<QueueScope>();
    expectTypeOf<AuditListQuery['queueScope']>().toEqualTypeOf<QueueScope>();
    // A plain list is not a scope: only accessFor (or WHOLE_CACHE) makes one.
    expectTypeOf<readonly string[] | null>().not.toMatchTypeOf<QueueScope>();
  });
});
