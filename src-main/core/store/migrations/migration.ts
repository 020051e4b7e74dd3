/**
 * The shape of a schema migration, shared by the store and every area that registers its own.
 *
 * A shipped migration is never edited: databases in the field already ran it (see
 * docs/decisions/0012-schema-ownership.md). Fix a mistake with a new migration, in a new file.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
