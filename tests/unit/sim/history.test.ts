import { describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../src-shared/protocol/events.js';
import type { FloorEvent } from '../../../src-shared/protocol/events.js';
import { HISTORY_DAY_STRIDE, generateHistory, historySeq } from '../../../src-main/sim/history.js';
import type { HistoryOptions } from '../../../src-main/sim/history.js';

const DAY = 86_400_000;
const END = Date.UTC(2026, 2, 10, 6, 0, 0);
const base: HistoryOptions = { seed: 8, days: 1, endTime: END, agents: 12, arrivalScale: 0.3 };

function collect(options: HistoryOptions): FloorEvent[] {
  const events: FloorEvent[] = [];
  for (const chunk of generateHistory(options)) events.push(...chunk);
  return events;
}

describe('history generator', () => {
  const full = collect(base);

  it('is deterministic and differs between seeds', () => {
    expect(full.length).toBeGreaterThan(1000);
    expect(JSON.stringify(collect(base))).toBe(JSON.stringify(full));
    expect(JSON.stringify(collect({ ...base, seed: 9 }).slice(0, 50))).not.toBe(JSON.stringify(full.slice(0, 50)));
  });

  it('numbers each day from day * 10^7 + 1 without gaps', () => {
    expect(historySeq(20_000, 0)).toBe(20_000 * HISTORY_DAY_STRIDE + 1);
    const byDay = new Map<number, number[]>();
    for (const event of full) {
      const day = Math.floor((event.seq - 1) / HISTORY_DAY_STRIDE);
      const seqs = byDay.get(day) ?? [];
      seqs.push(event.seq);
      byDay.set(day, seqs);
    }
    expect([...byDay.keys()]).toEqual([Math.floor((END - DAY) / DAY), Math.floor((END - DAY) / DAY) + 1]);
    // The first day is cut by the window (it starts at END - 1 day), so only its tail is present;
    // the last day starts at midnight and is gap-free from its first seq.
    const lastDay = Math.floor(END / DAY);
    const seqs = byDay.get(lastDay) ?? [];
    expect(seqs[0]).toBe(historySeq(lastDay, 0));
    expect(seqs.every((seq, index) => seq === historySeq(lastDay, index))).toBe(true);
  });

  it('gives a sub-range exactly the seqs and events of the full range', () => {
    const since = END - 10 * 3_600_000;
    const until = END - 4 * 3_600_000;
    const part = collect({ ...base, since, until });
    expect(part.length).toBeGreaterThan(100);
    const bySeq = new Map(full.map((event) => [event.seq, JSON.stringify(event)]));
    for (const event of part) expect(JSON.stringify(event)).toBe(bySeq.get(event.seq));
    const created = part.filter((event) => event.type === 'conversation.created');
    expect(created.every((event) => event.time >= since && event.time < until)).toBe(true);
  });

  it('holds only complete, valid conversations that ended before the end time', () => {
    const finished = new Set<string>();
    const created = new Set<string>();
    for (const event of full) {
      expect(floorEventSchema.safeParse(event).success).toBe(true);
      expect(event.time).toBeLessThan(END);
      if (event.type === 'conversation.created') created.add(event.conversationId);
      if (event.type === 'conversation.ended' || event.type === 'conversation.abandoned') finished.add(event.conversationId);
      if ('conversationId' in event) expect(created.has(event.conversationId)).toBe(true);
    }
    expect([...created].every((id) => finished.has(id))).toBe(true);
    expect(full.some((event) => event.type === 'survey.answered')).toBe(true);
    expect(full.some((event) => event.type === 'agent.status')).toBe(true);
  });

  it('is lazy: the first chunk comes without generating the rest', () => {
    const iterator = generateHistory({ ...base, days: 365 });
    const first = iterator.next();
    expect(first.done).toBe(false);
    iterator.return();
  });
});
