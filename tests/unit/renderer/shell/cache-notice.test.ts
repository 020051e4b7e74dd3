/** The cache notices' words and markup: the write fault while it stands, the recovery report until dismissed. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CacheHealth, CacheRecoveryReport } from '../../../../src-shared/api/live.js';
import { CacheNoticeView, recoverySummary } from '../../../../src-renderer/shell/cache-notice.js';

const nothing = (): void => undefined;

const recovery: CacheRecoveryReport = {
  at: 1,
  reason: 'SQLITE_CORRUPT: database disk image is malformed',
  movedTo: '/data/floorwatch.db.corrupt-1700000000000',
  tables: [
    { table: 'audit_log', saved: 120, lost: 2, complete: false },
    { table: 'wallboard_boards', saved: 1, lost: 0, complete: true },
    { table: 'history_notes', saved: 0, lost: 0, complete: true },
  ],
  error: null,
};

function render(cache: CacheHealth | null, dismissed: string | null = null): string {
  return renderToStaticMarkup(createElement(CacheNoticeView, { cache, dismissed, onDismiss: nothing }));
}

describe('cache notices', () => {
  it('says what recovery saved and lost, and where the damaged file is', () => {
    expect(recoverySummary(recovery)).toEqual({
      headline: 'The local cache was damaged and has been rebuilt; some data kept only on this machine was lost.',
      saved: 'Saved: 120 audit records, 1 board.',
      lost: 'Lost: at least 2 audit records.',
      movedTo: '/data/floorwatch.db.corrupt-1700000000000',
    });
    const markup = render({ path: '/data/floorwatch.db', writeFault: null, recovery });
    expect(markup).toContain('data-testid="cache-recovery"');
    expect(markup).toContain('/data/floorwatch.db.corrupt-1700000000000');
    expect(markup).toContain('Dismiss');
  });

  it('stays away once dismissed, and shows nothing for a healthy cache', () => {
    expect(render({ path: '/data/floorwatch.db', writeFault: null, recovery }, recovery.movedTo)).toBe('');
    expect(render({ path: '/data/floorwatch.db', writeFault: null, recovery: null })).toBe('');
    expect(render(null)).toBe('');
  });

  it('names the path and cause of a standing write fault, as an alert', () => {
    const markup = render({
      path: '/data/floorwatch.db',
      writeFault: { path: '/data', code: 'ENOSPC', message: 'Cannot write to the cache at /data: the disk is full (ENOSPC, SQLITE_FULL).', since: 5 },
      recovery: null,
    });
    expect(markup).toContain('role="alert"');
    expect(markup).toContain('data-code="ENOSPC"');
    expect(markup).toContain('the disk is full');
  });
});
