/**
 * The chat bot's share of the floor: contained conversations end resolved without ever being
 * queued or assigned, escalated ones are queued after a system message naming the reason, voice
 * has no bot, survey comments follow the rating. The live floor and the history generator give
 * the same mix, and both stay deterministic by seed.
 */
import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../src-shared/protocol/events.js';
import { ESCALATION_REASONS, INTENT_ESCALATION_REASONS } from '../../../src-main/sim/bot-catalog.js';
import { createFloor } from '../../../src-main/sim/floor.js';
import { generateHistory } from '../../../src-main/sim/history.js';

const START = Date.UTC(2026, 2, 10, 15, 0, 0);
const HOUR = 3_600_000;
const REASONS = new Set<string>([...Object.values(ESCALATION_REASONS), ...Object.values(INTENT_ESCALATION_REASONS)]);

interface Story {
  channel: string;
  kinds: string[];
  botTextBeforeAgent: boolean;
  reasons: string[];
  disposition?: string;
}

/** Reads each conversation's story from the events alone. */
function stories(events: readonly FloorEventInput[]): Map<string, Story> {
  const byId = new Map<string, Story>();
  for (const event of events) {
    if (event.type === 'conversation.created') byId.set(event.conversationId, { channel: event.channel, kinds: [], botTextBeforeAgent: false, reasons: [] });
    if (!('conversationId' in event)) continue;
    const story = byId.get(event.conversationId);
    if (!story) continue;
    story.kinds.push(event.type);
    if (event.type === 'conversation.message') {
      const agentSeen = story.kinds.includes('conversation.assigned');
      if (event.sender === 'bot' && event.kind === 'text' && !agentSeen) story.botTextBeforeAgent = true;
      if (event.sender === 'bot' && event.kind === 'system' && !story.kinds.includes('conversation.queued')) story.reasons.push(event.text);
    }
    if (event.type === 'conversation.ended') story.disposition = event.disposition;
  }
  return byId;
}

function liveEvents(seed: number): FloorEventInput[] {
  const floor = createFloor({ seed, startTime: START, agents: 30, warmupMs: 0 });
  const events: FloorEventInput[] = [];
  for (let time = START; time < START + 2 * HOUR; time += 60_000) events.push(...floor.advanceTo(time + 60_000));
  return events;
}

function mixOf(events: readonly FloorEventInput[]): { chats: number; contained: number; escalated: number } {
  let chats = 0;
  let contained = 0;
  let escalated = 0;
  for (const story of stories(events).values()) {
    const ended = story.kinds.includes('conversation.ended') || story.kinds.includes('conversation.abandoned');
    if (story.channel !== 'chat' || !ended || !story.kinds.includes('conversation.message')) continue;
    chats += 1;
    if (story.kinds.includes('conversation.queued')) escalated += 1;
    else contained += 1;
  }
  return { chats, contained, escalated };
}

describe('simulated chat bot', () => {
  const events = liveEvents(11);
  const all = [...stories(events).values()];

  it('is deterministic by seed', () => {
    expect(JSON.stringify(liveEvents(11))).toBe(JSON.stringify(events));
  });

  it('starts every chat with the bot and never gives voice a bot text', () => {
    const chats = all.filter((story) => story.channel === 'chat' && story.kinds.includes('conversation.message'));
    expect(chats.length).toBeGreaterThan(100);
    for (const story of chats) expect(story.botTextBeforeAgent).toBe(true);
    for (const story of all.filter((candidate) => candidate.channel === 'voice')) expect(story.botTextBeforeAgent).toBe(false);
  });

  it('ends contained chats resolved, never queued or assigned; escalates the rest with a named reason', () => {
    let contained = 0;
    let escalated = 0;
    for (const story of all) {
      if (story.channel !== 'chat' || !story.kinds.includes('conversation.ended') || story.kinds.includes('conversation.taken_over')) continue;
      if (story.kinds.includes('conversation.queued')) {
        escalated += 1;
        expect(story.reasons).toHaveLength(1);
        expect(REASONS.has(story.reasons[0] ?? '')).toBe(true);
      } else {
        contained += 1;
        expect(story.disposition).toBe('resolved');
        expect(story.kinds).not.toContain('conversation.assigned');
        expect(story.reasons).toEqual([]);
      }
    }
    const share = contained / (contained + escalated);
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.45);
  });

  it('names every reason over the floor', () => {
    const seen = new Set(all.flatMap((story) => story.reasons));
    expect(seen).toContain(ESCALATION_REASONS.customerAsked);
    expect(seen).toContain(ESCALATION_REASONS.botCouldNotAnswer);
    expect(seen).toContain('Payment issue needs an agent');
  });

  it('writes survey comments whose sentiment follows the rating', () => {
    const analyser = new Sentiment();
    const byRating = new Map<number, number[]>();
    for (const event of events) {
      if (event.type !== 'survey.answered' || event.comment === undefined) continue;
      const scores = byRating.get(event.rating) ?? [];
      scores.push(analyser.analyze(event.comment).comparative);
      byRating.set(event.rating, scores);
    }
    const mean = (rating: number): number => {
      const scores = byRating.get(rating) ?? [];
      return scores.reduce((sum, score) => sum + score, 0) / Math.max(1, scores.length);
    };
    expect(new Set(byRating.keys()).size).toBe(5);
    expect(mean(1)).toBeLessThan(-0.2);
    expect(mean(2)).toBeLessThan(0);
    expect(Math.abs(mean(3))).toBeLessThan(0.2);
    expect(mean(4)).toBeGreaterThan(0.2);
    expect(mean(5)).toBeGreaterThan(0.5);
  });

  it('gives history the same mix', () => {
    const history: FloorEventInput[] = [];
    for (const chunk of generateHistory({ seed: 11, days: 1, endTime: Date.UTC(2026, 2, 10, 0, 0, 0), agents: 30, arrivalScale: 0.5 })) history.push(...chunk);
    const live = mixOf(events);
    const past = mixOf(history);
    expect(past.chats).toBeGreaterThan(200);
    const liveShare = live.contained / live.chats;
    const pastShare = past.contained / past.chats;
    expect(Math.abs(liveShare - pastShare)).toBeLessThan(0.08);
  });
});
