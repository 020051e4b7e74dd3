import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeMissingMetrics } from '../../../../src-main/core/history/metrics.js';
import { expandPrefixes, PrefixTerms } from '../../../../src-main/core/history/search-prefix.js';
import { HistorySearcher } from '../../../../src-main/core/history/search.js';
import { WHOLE_CACHE } from '../../../../src-main/core/queue-scope.js';
import { createRandom } from '../../../../src-main/sim/random.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import { conversationEvents, DAY, historyHarness, MINUTE, setupEvents, T0, type HistoryHarness } from './history-test-kit.js';

/** Words sharing prefixes at every length, so prefixes match one term, several, or none. */
const VOCABULARY = [
  'refund', 'refunds', 'refused', 'ref', 'parcel', 'parcels', 'part', 'order', 'ordered', 'orders', 'late', 'later', 'latest',
  'track', 'tracking', 'train', 'invoice', 'in', 'inside', 'thanks', 'thank', 'than', 'the', 'them', 'there', 'a', 'able',
] as const;
const CONVERSATIONS = 90;

let harness: HistoryHarness;
let searcher: HistorySearcher;

beforeAll(() => {
  harness = historyHarness();
  harness.ingest(setupEvents(T0 - DAY));
  // Seeded: the cache is the same on every run.
  const random = createRandom(47);
  const word = (): string => random.pick(VOCABULARY);
  const sentence = (): string => Array.from({ length: random.integer(1, 6) }, word).join(' ');
  for (let index = 0; index < CONVERSATIONS; index++) {
    harness.ingest(
      conversationEvents({
        id: `c-${String(index).padStart(3, '0')}`,
        // Some share a start time, so the tie-break on the id is exercised too.
        createdAt: T0 + Math.floor(index / 3) * MINUTE,
        messages: Array.from({ length: random.integer(1, 3) }, (_, at) => [at + 1, at % 2 === 0 ? 'customer' : 'agent', sentence()] as const),
      }),
    );
  }
  completeMissingMetrics(harness.store.database, T0 + DAY);
  searcher = new HistorySearcher(harness.store.database);
});

afterAll(async () => {
  await harness.close();
});

/** A query and the same question as a LIKE condition on one message's text (FTS5 matches message by message). */
interface Question {
  readonly query: string;
  readonly like: string;
}

const atom: fc.Arbitrary<Question> = fc.oneof(
  fc.constantFrom(...VOCABULARY).map((word) => ({ query: word, like: `(' ' || m.text || ' ') LIKE '% ${word} %'` })),
  fc
    .tuple(fc.constantFrom(...VOCABULARY, 'zz', 'q'), fc.integer({ min: 1, max: 8 }), fc.boolean())
    .map(([word, length, upper]) => {
      const prefix = word.slice(0, length);
      // Capitalised, not upper-cased: `OR*` would be the keyword.
      const written = upper ? `${prefix.slice(0, 1).toUpperCase()}${prefix.slice(1)}` : prefix;
      return { query: `${written}*`, like: `(' ' || m.text) LIKE '% ${prefix}%'` };
    }),
);

/** Words and prefixes side by side (`late refu*`): FTS5's implicit AND, which binds tighter than NOT, AND and OR. */
const sideBySide: fc.Arbitrary<Question> = fc.array(atom, { minLength: 2, maxLength: 3 }).map((atoms) => ({
  query: atoms.map((each) => each.query).join(' '),
  like: `(${atoms.map((each) => each.like).join(' AND ')})`,
}));

const question: fc.Arbitrary<Question> = fc.letrec<{ node: Question }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    sideBySide,
    fc.tuple(tie('node'), fc.constantFrom('AND', 'OR', 'NOT'), tie('node')).map(([left, operator, right]) => ({
      query: `(${left.query} ${operator} ${right.query})`,
      like: `(${left.like} ${operator === 'NOT' ? 'AND NOT' : operator} ${right.like})`,
    })),
  ),
})).node;

/** The conversations the LIKE condition finds, newest first (the search's default order). */
function oracle(like: string): string[] {
  return harness.store.database
    .prepare(
      `SELECT DISTINCT f.conversation_id FROM messages AS m JOIN history_facts AS f ON f.conversation_id = m.conversation_id
       WHERE ${like} ORDER BY f.created_at DESC, f.conversation_id DESC`,
    )
    .pluck()
    .all() as string[];
}

function searched(text: string): { readonly ids: string[]; readonly total: number; readonly capped: boolean } {
  const page = searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: { text } }), 0, 500);
  if (!page.ok) throw new Error(`"${text}": ${page.error}`);
  return { ids: page.value.rows.map((row) => row.conversationId), total: page.value.total, capped: page.value.totalCapped };
}

describe('prefix search', () => {
  it('finds exactly the conversations a LIKE over the messages finds, for prefixes alone and inside AND, OR, NOT', () => {
    fc.assert(
      fc.property(question, ({ query, like }) => {
        const expected = oracle(like);
        const found = searched(query);
        expect(found.ids).toEqual(expected);
        expect(found.total).toBe(expected.length);
        expect(found.capped).toBe(false);
      }),
      { numRuns: 300, seed: 20_261_204 },
    );
  });

  it('reads the terms of a prefix from the index, in its order, and none for a prefix nothing has', () => {
    const terms = new PrefixTerms(harness.store.database);
    expect(terms.termsOf('ref')).toEqual(['ref', 'refund', 'refunds', 'refused']);
    expect(terms.termsOf('order')).toEqual(['order', 'ordered', 'orders']);
    expect(terms.termsOf('zz')).toEqual([]);
    expect(terms.termsOf('t', 3)).toBeNull();
  });

  it('spells prefixes out as the index terms, and highlights what they matched', () => {
    const terms = new PrefixTerms(harness.store.database);
    expect(expandPrefixes('refu* AND Late*', (prefix) => terms.termsOf(prefix))).toBe('("refund" OR "refunds" OR "refused") AND ("late" OR "later" OR "latest")');
    const page = searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: { text: 'refu*' } }), 0, 5);
    if (!page.ok) throw new Error(page.error);
    expect(page.value.rows.length).toBeGreaterThan(0);
    for (const row of page.value.rows) expect(row.snippet).toMatch(/\u0002(refunds?|refused)\u0003/u);
  });

  it("shows each row a snippet of its own conversation's newest matching message", () => {
    const newestMatching = harness.store.database.prepare<[string, string], string>(
      `SELECT m.text FROM messages AS m JOIN messages_fts AS fts ON fts.rowid = m.id
       WHERE m.conversation_id = ? AND messages_fts MATCH ? ORDER BY m.id DESC LIMIT 1`,
    );
    for (const text of ['refund', 'refu*', 'late OR the', 'or*']) {
      const page = searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: { text } }), 0, 50);
      if (!page.ok) throw new Error(page.error);
      expect(page.value.rows.length).toBeGreaterThan(1);
      for (const row of page.value.rows) {
        const shown = (row.snippet ?? '').replace(/[\u0002\u0003]/gu, '').replace(/^…|…$/gu, '');
        expect(newestMatching.pluck().get(row.conversationId, text)).toContain(shown);
      }
    }
  });

  it('refuses a text FTS5 refuses as it was written, never in the spelt-out form', () => {
    // FTS5 joins side by side only words and phrases: a group beside a word is its syntax error.
    const page = searcher.search(WHOLE_CACHE, historySearchSchema.parse({ filters: { text: 'refu* (late OR the)' } }), 0, 5);
    expect(page.ok).toBe(false);
    if (page.ok) return;
    expect(page.error).toMatch(/^Search syntax: /u);
    expect(page.error).not.toContain('refund');
  });
});

describe('expandPrefixes', () => {
  const terms = (prefix: string): readonly string[] | null => (prefix === 'many' ? null : prefix === 'none' ? [] : [`${prefix}a`, `${prefix}b`]);

  it('rewrites prefix words outside phrases, keeping words, phrases, operators and parentheses', () => {
    expect(expandPrefixes('(late OR pa*) NOT x*', terms)).toBe('(late OR ("paa" OR "pab")) NOT ("xa" OR "xb")');
    expect(expandPrefixes('RE*', terms)).toBe('("rea" OR "reb")');
  });

  it('writes side-by-side operands around a spelt-out prefix as one tight AND group, as FTS5 reads them', () => {
    expect(expandPrefixes('x NOT re* "broken kettle"  late', terms)).toBe('x NOT (("rea" OR "reb") AND "broken kettle" AND late)');
    expect(expandPrefixes('re*late OR x', terms)).toBe('(("rea" OR "reb") AND late) OR x');
    expect(expandPrefixes('late kettle OR none*', terms)).toBe('late kettle OR none*');
  });

  it('leaves a prefix as written when it has too many terms, none, or is not plain ASCII letters and digits', () => {
    expect(expandPrefixes('many* re*', terms)).toBe('(many* AND ("rea" OR "reb"))');
    expect(expandPrefixes('none*', terms)).toBe('none*');
    expect(expandPrefixes('café*', terms)).toBe('café*');
    expect(expandPrefixes('foo_ba*', terms)).toBe('foo_ba*');
  });

  it('leaves any query it does not take apart exactly as written, for FTS5 to answer or refuse', () => {
    for (const query of ['NEAR(re* late, 3)', 'text:re*', '^re*', 're* + late', '"broken ke"*', '"unbalanced re*', 'AND*', 're* *', "don't re*", 'refund']) {
      expect(expandPrefixes(query, terms)).toBe(query);
    }
  });
});
