/**
 * Who each console token names (docs/relay.md, "Tokens"). A JSON file:
 *
 *     {"users": [{"tokenSha256": "<hex>", "user": {"userId", "name", "role", "queueScope"}}, …]}
 *
 * (`token` in place of `tokenSha256` holds the token itself, for a development floor). The relay
 * keeps only hashes and looks a hello's token up by its hash. Every user is checked against the
 * protocol's schema; a file with a bad entry is refused whole, naming the entry.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { feedUserSchema } from '../../src-shared/protocol/frames.js';
import type { FeedUser } from '../../src-shared/protocol/frames.js';

const entrySchema = z.union([
  z.object({ tokenSha256: z.string().regex(/^[0-9a-f]{64}$/), user: feedUserSchema }).strict(),
  z.object({ token: z.string().min(16).max(512), user: feedUserSchema }).strict(),
]);
const fileSchema = z.object({ users: z.array(entrySchema).max(100_000) }).strict();

export type TokenFile = z.input<typeof fileSchema>;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class TokenTable {
  private constructor(private readonly byHash: ReadonlyMap<string, FeedUser>) {}

  /** A table from the file's content; throws with the first problem found. */
  static parse(content: unknown): TokenTable {
    const checked = fileSchema.safeParse(content);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`the tokens file is not valid: ${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'schema mismatch'}`);
    }
    const byHash = new Map<string, FeedUser>();
    for (const entry of checked.data.users) {
      const hash = 'tokenSha256' in entry ? entry.tokenSha256 : tokenHash(entry.token);
      if (byHash.has(hash)) throw new Error(`the tokens file gives one token to two users (${byHash.get(hash)?.userId} and ${entry.user.userId})`);
      byHash.set(hash, entry.user);
    }
    return new TokenTable(byHash);
  }

  static read(path: string): TokenTable {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the tokens file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return TokenTable.parse(content);
  }

  /** The user a token names, or null. */
  user(token: string): FeedUser | null {
    return this.byHash.get(tokenHash(token)) ?? null;
  }

  get size(): number {
    return this.byHash.size;
  }
}
