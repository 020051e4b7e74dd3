/**
 * Records out of the text people hand the adapter (docs/adapters.md, "Input"): JSON lines (one
 * record a line; a line holding an array gives each of its items, as Event Streams' webhook
 * batches do), one JSON document, or one JSON array of records. A whole text that parses is one
 * document (an array's items are the records); otherwise each non-blank line is read on its own,
 * so one bad line costs one record and is named by its line number.
 */

/** One record, or a piece of text that is not JSON, with where it was. */
export type ReadItem =
  | { readonly kind: 'record'; readonly record: unknown; readonly where: string }
  | { readonly kind: 'not_json'; readonly where: string; readonly detail: string };

function parse(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

function* itemsOf(value: unknown, where: string): Generator<ReadItem> {
  if (!Array.isArray(value)) {
    yield { kind: 'record', record: value, where };
    return;
  }
  for (const [index, item] of value.entries()) yield { kind: 'record', record: item, where: `${where} item ${index + 1}` };
}

/** The records of a text, in order. */
export function* readRecords(text: string): Generator<ReadItem> {
  const body = text.replace(/^\uFEFF/u, '');
  if (body.trim() === '') return;
  const whole = parse(body);
  if (whole.ok) {
    yield* itemsOf(whole.value, 'document');
    return;
  }
  const lines = body.split(/\r?\n/u);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `line ${index + 1}`;
    const parsed = parse(line);
    if (parsed.ok) yield* itemsOf(parsed.value, where);
    else yield { kind: 'not_json', where, detail: parsed.detail };
  }
}
