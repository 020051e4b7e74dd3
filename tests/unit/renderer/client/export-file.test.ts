import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../../src-shared/result.js';
import { readExportFile, safeFileName, type ChunkReader } from '../../../../src-renderer/client/export-file.js';

/** A core serving `text` in pieces of `size` characters, recording the offsets asked for. */
function serving(text: string, size: number): { read: ChunkReader; offsets: number[] } {
  const offsets: number[] = [];
  return {
    offsets,
    read: async (offset) => {
      offsets.push(offset);
      const end = Math.min(text.length, offset + size);
      return ok({ data: text.slice(offset, end), nextOffset: end >= text.length ? null : end, size: text.length });
    },
  };
}

describe('readExportFile', () => {
  it('reads every piece in order and puts the file back together', async () => {
    const text = 'conversation_id,queue\n' + Array.from({ length: 50 }, (_, index) => `c-${index},Billing`).join('\n');
    const core = serving(text, 64);
    const progress: number[] = [];
    const result = await readExportFile(core.read, (received) => progress.push(received));
    expect(result.ok && result.value.join('')).toBe(text);
    expect(core.offsets[0]).toBe(0);
    expect(core.offsets).toEqual([...core.offsets].sort((left, right) => left - right));
    expect(progress.at(-1)).toBe(text.length);
  });

  it('reads a one-piece file with one request', async () => {
    const core = serving('small', 1000);
    const result = await readExportFile(core.read);
    expect(result).toEqual(ok(['small']));
    expect(core.offsets).toEqual([0]);
  });

  it("passes on the core's refusal", async () => {
    let calls = 0;
    const result = await readExportFile(async () => {
      calls += 1;
      return calls === 1 ? ok({ data: 'a', nextOffset: 1, size: 3 }) : fail('Unknown export.');
    });
    expect(result).toEqual(fail('Unknown export.'));
  });

  it('stops instead of looping when the offsets do not advance', async () => {
    const stuck: ChunkReader = async (): Promise<Result<{ data: string; nextOffset: number | null; size: number }>> => ok({ data: 'x', nextOffset: 0, size: 10 });
    const result = await readExportFile(stuck);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/did not advance/);
  });
});

describe('safeFileName', () => {
  it('removes path separators and characters desktops refuse', () => {
    expect(safeFileName('../../etc/passwd', 'x.csv')).toBe('etc-passwd');
    expect(safeFileName('a:b*c?"d<e>f|g.html', 'x.html')).toBe('a-b-c-d-e-f-g.html');
    expect(safeFileName('conversations-2025-03-14.csv', 'x.csv')).toBe('conversations-2025-03-14.csv');
  });

  it('falls back when nothing usable is left', () => {
    expect(safeFileName('///', 'conversations.csv')).toBe('conversations.csv');
    expect(safeFileName('', 'conversations.html')).toBe('conversations.html');
  });
});
