/**
 * What the dashboards' and exports' tests share: a store on a real SQLite file with every area's
 * migrations, the audit chain over it, and sessions of both personas.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { accessFor, type Access, type Session } from '../../../../src-main/core/api/session.js';
import { AREA_MIGRATIONS } from '../../../../src-main/core/area-migrations.js';
import { createAuditLog } from '../../../../src-main/core/live-insights/audit-log.js';
import { createAuditPort, type AuditPort } from '../../../../src-main/core/live-insights/audit-port.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';
import { createFileSecretVault } from '../../../../src-main/core/secrets/secret-vault.js';
import { openStore, type Store } from '../../../../src-main/core/store/store.js';
import type { AuditRecord } from '../../../../src-shared/api/live-insights.js';
import { tempDir } from '../../../support/host-process.js';

export const LEADER: Session = { userId: 'lee', displayName: 'Lee', role: 'wfm_leader', queueScope: null };
export const STAKEHOLDER: Session = { userId: 'sam', displayName: 'Sam', role: 'business_stakeholder', queueScope: ['q-1'] };

export interface InsightsKit {
  readonly dataDir: string;
  readonly store: Store;
  readonly audit: AuditPort;
  access(session: Session): Access;
  /** The audit records of one action, oldest first. */
  records(action: string): AuditRecord[];
  close(): void;
}

/** Opens a fresh store file with the audit chain; close() deletes it. */
export function insightsKit(prefix: string): InsightsKit {
  const dir = tempDir(prefix);
  const dataDir = join(dir, 'data');
  const store = openStore({ path: join(dir, 'floorwatch.db'), migrations: AREA_MIGRATIONS });
  const log = store.repository((connection) => createAuditLog(connection, { vault: createFileSecretVault(join(dir, 'secrets')) }));
  const audit = createAuditPort(log);
  return {
    dataDir,
    store,
    audit,
    access: accessFor,
    records: (action) =>
      log
        .list({ limit: 1000, userId: 'auditor', queueScope: WHOLE_CACHE })
        .filter((record) => record.action === action)
        .reverse(),
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
