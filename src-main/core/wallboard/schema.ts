/**
 * The wallboard tables, as migrations appended to the store's list (store/migrations.ts). Versions
 * 50–59 belong to this area; append only, like every migration.
 */
import type { Migration } from '../store/migrations.js';

export const WALLBOARD_MIGRATIONS: readonly Migration[] = [
  {
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
  },
];
