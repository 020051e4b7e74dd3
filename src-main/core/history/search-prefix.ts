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

/** A piece as it is written back: its text, whether it is an operand (a word, phrase or spelt-out prefix), whether it was rewritten. */
interface Written {
  readonly text: string;
  readonly operand: boolean;
  readonly rewritten: boolean;
}

function written(piece: Piece, termsOf: (prefix: string) => readonly string[] | null): Written {
  if (piece.kind !== 'word') return { text: piece.text, operand: piece.kind === 'string', rewritten: false };
  const operand = !KEYWORDS.has(piece.text);
  if (!piece.prefix) return { text: piece.text, operand, rewritten: false };
  const terms = EXPANDABLE.test(piece.text) ? termsOf(piece.text.toLowerCase()) : null;
  if (terms === null || terms.length === 0) return { text: `${piece.text}*`, operand, rewritten: false };
  return { text: `(${terms.map((term) => `"${term}"`).join(' OR ')})`, operand, rewritten: true };
}

/**
 * The query with each prefix term of plain ASCII letters and digits replaced by an OR of the
 * terms `termsOf` returns for it (lower-cased, as the index holds them); a prefix `termsOf`
 * answers null for (too many terms), or none for, stays as written.
 *
 * FTS5 joins operands written side by side (`late refu*`) with an implicit AND that binds tighter
 * than NOT, AND and OR, and only between words and phrases, never a parenthesised group. A run of
 * side-by-side operands holding a spelt-out prefix is therefore written `(late AND (…))`: the
 * same question, grouped as tightly.
 */
export function expandPrefixes(query: string, termsOf: (prefix: string) => readonly string[] | null): string {
  const cut = pieces(query);
  if (cut === null || !cut.some((piece) => piece.kind === 'word' && piece.prefix)) return query;
  const all = cut.map((piece) => written(piece, termsOf));
  let result = '';
  for (let index = 0; index < all.length; ) {
    const piece = all[index] as Written;
    if (!piece.operand) {
      result += piece.text;
      index += 1;
      continue;
    }
    // The run of operands from here, with only spaces between them.
    const run: Written[] = [piece];
    let next = index + 1;
    for (let at = next; at < all.length; at++) {
      const candidate = all[at] as Written;
      if (candidate.operand) {
        run.push(candidate);
        next = at + 1;
      } else if (cut[at]?.kind !== 'space') break;
    }
    result += run.length > 1 && run.some((operand) => operand.rewritten) ? `(${run.map((operand) => operand.text).join(' AND ')})` : all.slice(index, next).map((each) => each.text).join('');
    index = next;
  }
  return result;
}

/** Appended to a term, the bound of the next seek: after the term itself, before any longer term it starts. */
const AFTER = '\u0001';
const HIGHEST_CHARACTER = '\u{10FFFF}';

/** Reads the terms of messages_fts that start with a prefix, one index seek each. */
export class PrefixTerms {
  private statement: StoreStatement<[string, string], string> | null = null;

  constructor(private readonly db: StoreConnection) {}

  /**
   * Prepares the vocabulary table this connection reads terms from. Call it outside a transaction:
   * a temporary table made inside one is gone again if that transaction rolls back.
   */
  prepare(): void {
    if (this.statement !== null) return;
    // An 'instance' vocabulary starts at the bound's term and reads one entry of it (a 'row' one would count the term's whole doclist first).
    this.db.prepare("CREATE VIRTUAL TABLE IF NOT EXISTS temp.messages_fts_terms USING fts5vocab(main, 'messages_fts', 'instance')").run();
    this.statement = this.db.prepare<[string, string], string>('SELECT term FROM temp.messages_fts_terms WHERE term >= ? AND term < ? LIMIT 1').pluck();
  }

  /** The terms starting with `prefix`, in the index's order; null when there are more than `max`. */
  termsOf(prefix: string, max = PREFIX_EXPANSION_MAX): readonly string[] | null {
    this.prepare();
    const next = this.statement as StoreStatement<[string, string], string>;
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
}
