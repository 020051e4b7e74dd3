/**
 * The alert book on a real cache file: raising from conditions with deterministic ids, keeping an
 * episode's id while it lasts, resolving on recovery, and applying the feed's `alert.updated` once
 * each — to the alert of the same key when another console began the episode at another seq.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertBook, effectiveState, type AlertBook } from '../../../../src-main/core/alerts/alert-book.js';
import type { AlertCondition } from '../../../../src-main/core/alerts/alert-conditions.js';
import { createAlertRepository, type AlertRepository } from '../../../../src-main/core/alerts/alert-repository.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { scopeOf } from '../../../../src-main/core/queue-scope.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { FloorEventOf } from '../../../../src-shared/protocol/events.js';
import { tempDir } from '../../../support/host-process.js';

const WAIT: AlertCondition = { key: 'threshold:q-orders:longestWaitSec', kind: 'threshold', queueId: 'q-orders', subject: 'longestWaitSec', severity: 'warning', conversationId: null };
const QUEUED: AlertCondition = { key: 'queued:q-billing:queued', kind: 'queued', queueId: 'q-billing', subject: 'queued', severity: 'warning', conversationId: null };

function update(alertId: string, fields: Partial<FloorEventOf<'alert.updated'>> = {}): FloorEventOf<'alert.updated'> {
  return { type: 'alert.updated', seq: 100, time: 5_000, alertId, queueId: 'q-orders', kind: 'threshold', subject: 'longestWaitSec', state: 'acknowledged', by: 'morgan', ...fields };
}

let dir: string;
let store: Store;
let repository: AlertRepository;
let book: AlertBook;

beforeEach(() => {
  dir = tempDir('alert-book');
  store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  repository = store.repository(createAlertRepository);
  book = createAlertBook(repository);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the alert book', () => {
  it('names an alert by its key and the seq it began at, keeps it while the condition lasts, and resolves it on recovery', () => {
    expect(book.reconcile([WAIT], () => 10, 1_000)).toBe(true);
    expect(book.unresolved().map((alert) => alert.alertId)).toEqual(['threshold:q-orders:longestWaitSec@10']);
    expect(book.reconcile([WAIT], () => 11, 2_000)).toBe(false);
    expect(book.reconcile([{ ...WAIT, severity: 'critical' }], () => 12, 3_000)).toBe(true);
    expect(book.unresolved()).toEqual([expect.objectContaining({ alertId: 'threshold:q-orders:longestWaitSec@10', severity: 'critical' })]);
    expect(book.reconcile([], () => 13, 4_000)).toBe(true);
    expect(book.unresolved()).toEqual([]);
    expect(book.get('threshold:q-orders:longestWaitSec@10')).toMatchObject({ state: 'resolved', resolvedAt: 4_000 });
    book.reconcile([WAIT], () => 20, 5_000);
    expect(book.unresolved().map((alert) => alert.alertId)).toEqual(['threshold:q-orders:longestWaitSec@20']);
  });

  it('judging some queues leaves the alerts of the others as they are', () => {
    book.reconcile([WAIT, QUEUED], () => 10, 1_000);
    expect(book.reconcile([], () => 11, 2_000, new Set(['q-orders']))).toBe(true);
    expect(book.unresolved().map((alert) => alert.alertId)).toEqual(['queued:q-billing:queued@10']);
  });

  it('survives a restart: the unresolved alerts are read back', () => {
    book.reconcile([WAIT, QUEUED], () => 10, 1_000);
    const again = createAlertBook(repository);
    expect(again.unresolved().map((alert) => alert.alertId).sort()).toEqual(['queued:q-billing:queued@10', 'threshold:q-orders:longestWaitSec@10']);
  });

  it('applies an update once, even when a snapshot repeats it', () => {
    book.reconcile([WAIT], () => 10, 1_000);
    const id = 'threshold:q-orders:longestWaitSec@10';
    expect(book.applyUpdate(update(id, { note: 'on it' }))).toBe(true);
    expect(book.applyUpdate(update(id, { seq: 400, note: 'on it' }))).toBe(false);
    expect(book.get(id)?.state).toBe('acknowledged');
    expect(repository.updatesOf([id]).get(id)).toHaveLength(1);
  });

  it('applies an update naming another seq of the same key to the episode this console holds', () => {
    book.reconcile([WAIT], () => 10, 1_000);
    book.applyUpdate(update('threshold:q-orders:longestWaitSec@9', { state: 'escalated', escalatedTo: 'sam' }));
    expect(book.unresolved()).toEqual([expect.objectContaining({ alertId: 'threshold:q-orders:longestWaitSec@10', state: 'escalated', escalatedTo: 'sam' })]);
  });

  it('keeps an update for an alert it never raised, so the action shows', () => {
    book.applyUpdate(update('queued:q-orders:queued@7', { kind: 'queued', subject: 'queued', state: 'snoozed', snoozedUntil: null }));
    expect(book.get('queued:q-orders:queued@7')).toMatchObject({ kind: 'queued', state: 'snoozed', snoozedUntil: null });
  });

  it('reads a snooze whose time ran out as open, and says when the next one ends', () => {
    book.reconcile([WAIT], () => 10, 1_000);
    book.applyUpdate(update('threshold:q-orders:longestWaitSec@10', { state: 'snoozed', snoozedUntil: 9_000 }));
    expect(book.nextSnoozeEnd(5_000)).toBe(9_000);
    const alert = book.unresolved()[0];
    if (alert === undefined) throw new Error('alert expected');
    expect(effectiveState(alert, 8_999)).toBe('snoozed');
    expect(effectiveState(alert, 9_000)).toBe('open');
    expect(book.nextSnoozeEnd(9_000)).toBeNull();
  });

  it('lists history within a scope, newest first', () => {
    book.reconcile([WAIT], () => 10, 1_000);
    book.reconcile([WAIT, QUEUED], () => 11, 2_000);
    expect(repository.list(scopeOf(['q-billing'], false), { limit: 10 }).map((alert) => alert.queueId)).toEqual(['q-billing']);
    expect(repository.list(scopeOf(null, true), { limit: 10 }).map((alert) => alert.raisedAt)).toEqual([2_000, 1_000]);
  });
});
