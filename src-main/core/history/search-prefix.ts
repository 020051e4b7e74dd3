/**
 * Prefix terms (`refu*`) of a full-text query, spelt out as the index's own terms:
 * `refu*` becomes `("refund" OR "refunded" OR "refunds")`.
 *
 * FTS5 answers a prefix term by merging the whole doclist of every term that has the prefix
 * before it returns a first row, and does it again for each statement that uses the query (each
 * chunk of the scan). An OR of a few terms is walked lazily, newest first, like a single word.
 * The terms are read from the index itself (an fts5vocab table, one seek a term), so the
 * rewritten query matches exactly the messages the prefix matches: an OR of every term that has
 * the prefix is what the prefix means. A prefix with more terms than the bound, or any syntax this
 * module does not take apart, is left to FTS5 as written: slower, never different
 * (docs/decisions/0047-prefix-search.md).
 */
import type { StoreConnection, StoreStatement } from '../store/connection.js';

/** Terms a prefix is spelt out into at most; a prefix with more stays a prefix. */
export const PREFIX_EXPANSION_MAX = 64;

/** A token of the query, as FTS5's lexer cuts it (only what a rewrite needs to know). */
type Piece =
  | { readonly kind: 'word'; readonly text: string; readonly prefix: boolean }
  | { readonly kind: 'string' | 'space' | 'paren'; readonly text: string };

/** FTS5's bareword characters: ASCII letters, digits, '_', the substitute character, anything non-ASCII. */
const BAREWORD = /^(?:[A-Za-z0-9_\u001a]|[^\u0000-\u007f])+/u;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);
/** A prefix spelt out: ASCII letters and digits, which unicode61 folds by case alone. */
const EXPANDABLE = /^[A-Za-z0-9]+$/u;

/**
 * The query cut into words, strings, parentheses and spaces; null for anything else (NEAR, a
 * column filter, `^`, `+`, a prefix phrase `"…"*`, unbalanced quotes, characters FTS5 refuses):
 * such a query is left as written.
 */
function pieces(query: string): Piece[] | null {
  const found: Piece[] = [];
  let rest = query;
  while (rest.length > 0) {
    const space = /^\s+/u.exec(rest)?.[0];
    if (space !== undefined) {
      found.push({ kind: 'space', text: space });
    } else if (rest.startsWith('"')) {
      const quoted = /^"(?:[^"]|"")*"/u.exec(rest)?.[0];
      if (quoted === undefined || rest[quoted.length] === '*') return null;
      found.push({ kind: 'string', text: quoted });
    } else if (rest.startsWith('(') || rest.startsWith(')')) {
      found.push({ kind: 'paren', text: rest.slice(0, 1) });
    } else {
      const word = BAREWORD.exec(rest)?.[0];
      if (word === undefined || word === 'NEAR') return null;
      const prefix = rest[word.length] === '*';
      if (prefix && KEYWORDS.has(word)) return null;
      found.push({ kind: 'word', text: word, prefix });
      rest = rest.slice(word.length + (prefix ? 1 : 0));
      continue;
    }
    rest = rest.slice(found[found.length - 1]?.text.length ?? rest.length);
  }
  return found;
}

/**
 * The query with each prefix term of plain ASCII letters and digits replaced by an OR of the
 * terms `termsOf` returns for it (lower-cased, as the index holds them); a prefix `termsOf`
 * answers null for (too many terms), or none for, stays as written.
 */
export function expandPrefixes(query: string, termsOf: (prefix: string) => readonly string[] | null): string {
  const cut = pieces(query);
  if (cut === null || !cut.some((piece) => piece.kind === 'word' && piece.prefix)) return query;
  return cut
    .map((piece) => {
      if (piece.kind !== 'word') return piece.text;
      if (!piece.prefix) return piece.text;
      const terms = EXPANDABLE.test(piece.text) ? termsOf(piece.text.toLowerCase()) : null;
      if (terms === null || terms.length === 0) return `${piece.text}*`;
      // Spaces keep the group apart from a neighbour written against the star (`refu*late`).
      return ` (${terms.map((term) => `"${term}"`).join(' OR ')}) `;
    })
    .join('');
}

/** Appended to a term, the bound of the next seek: after the term itself, before any longer term it starts. */
const AFTER = '\u0001';
const HIGHEST_CHARACTER = '\u{10FFFF}';

/** Reads the terms of messages_fts that start with a prefix, one index seek each. */
export class PrefixTerms {
  private statement: StoreStatement<[string, string], string> | null = null;

  constructor(private readonly db: StoreConnection) {}

  /** The terms starting with `prefix`, in the index's order; null when there are more than `max`. */
  termsOf(prefix: string, max = PREFIX_EXPANSION_MAX): readonly string[] | null {
    const next = this.nextTerm();
    const terms: string[] = [];
    const end = prefix + HIGHEST_CHARACTER;
    // Tokens hold letters, digits and marks, never control characters, so no term sorts between `term` and `term + \u0001`.
    for (let from = prefix; ; ) {
      const term = next.get(from, end);
      if (term === undefined) return terms;
      if (terms.length === max) return null;
      terms.push(term);
      from = term + AFTER;
    }
  }

  /**
   * The first term at or after a bound: an 'instance' vocabulary starts at the bound's term and
   * reads one entry of it (a 'row' one would count the term's whole doclist first).
   */
  private nextTerm(): StoreStatement<[string, string], string> {
    if (this.statement === null) {
      this.db.prepare("CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_fts_terms USING fts5vocab(main, 'messages_fts', 'instance')").run();
      this.statement = this.db.prepare<[string, string], string>('SELECT term FROM temp.messages_fts_terms WHERE term >= ? AND term < ? LIMIT 1').pluck();
    }
    return this.statement;
  }
}
