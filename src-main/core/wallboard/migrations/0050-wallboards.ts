/**
 * Migration 50, shipped: wallboard boards, playlist, devices and LAN serving. Never edit it
 * (docs/decisions/0012-schema-ownership.md); the SQL keeps the indentation it shipped with.
 */
import type { Migration } from '../../store/migrations/migration.js';

export const MIGRATION_0050_WALLBOARDS: Migration = {
  version: 50,
  name: 'wallboard boards, playlist, devices and LAN serving',
  // Boards are kept as their portable JSON document, so what is exported is exactly what was
  // saved; built-in rows are refreshed by the console and refused to editors.
  // Devices keep only the SHA-256 of their token: the token itself is shown once.
  sql: `
      CREATE TABLE wallboard_boards (
        board_id TEXT PRIMARY KEY,
        built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        position INTEGER NOT NULL,
        document TEXT NOT NULL CHECK (json_valid(document)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE wallboard_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE wallboard_devices (
        device_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at INTEGER,
        last_seen_at INTEGER,
        last_address TEXT
      ) STRICT;

      -- Applied commands by client id, so a retried command answers its first outcome.
      CREATE TABLE wallboard_commands (
        command_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        result TEXT NOT NULL CHECK (json_valid(result)),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX wallboard_commands_by_at ON wallboard_commands (at);
    `,
};
