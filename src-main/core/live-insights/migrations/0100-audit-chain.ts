/**
 * Migration 100: the audit chain's identity and legacy boundary
 * (docs/decisions/0014-keyed-audit-chain.md). Never edit it once shipped.
 */
import type { Migration } from '../../store/migrations/migration.js';

/**
 * One row naming this database's audit chain.
 *
 * `chain_id` names the chain's head in the secret vault (one vault may serve several caches).
 * `legacy_through` is the last audit id issued before the chain was keyed: rows up to it were
 * hashed with plain SHA-256 by earlier versions and stay verifiable as a legacy prefix; every later
 * row is an HMAC under the key in the vault. `seal` is an HMAC of the boundary, written once at the
 * first keyed start, so moving the boundary to pass forged plain-hash rows off as legacy shows.
 * The triggers stop accidental edits; the seal and the chain detect deliberate ones.
 */
export const MIGRATION_0100_AUDIT_CHAIN: Migration = {
  version: 100,
  name: 'audit chain identity and legacy boundary',
  sql: `
      CREATE TABLE audit_chain (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        chain_id TEXT NOT NULL,
        legacy_through INTEGER NOT NULL CHECK (legacy_through >= 0),
        seal TEXT
      ) STRICT;
      INSERT INTO audit_chain (singleton, chain_id, legacy_through, seal)
        VALUES (1, lower(hex(randomblob(16))), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0), NULL);
      CREATE TRIGGER audit_chain_sealed BEFORE UPDATE ON audit_chain WHEN OLD.seal IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'the audit chain boundary is sealed');
      END;
      CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain BEGIN
        SELECT RAISE(ABORT, 'the audit chain boundary is sealed');
      END;
    `,
};
