/**
 * The adapters' fixtures (tests/fixtures/adapters/<platform>/), each modelled on a platform's
 * published sample payloads; the test of each platform names the page every fixture follows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { eventProblem } from '../../../src-main/adapters/adapter.js';
import type { AdaptSource } from '../../../src-main/adapters/run.js';
import { adaptAll } from '../../../src-main/adapters/run.js';
import { REPOSITORY_ROOT } from '../structure/source-tree.js';

export const FIXTURES = join(REPOSITORY_ROOT, 'tests', 'fixtures', 'adapters');

export function fixtureText(source: AdaptSource, name: string): string {
  return readFileSync(join(FIXTURES, source, name), 'utf8');
}

/** The fixture run through a fresh adapter; every event it gives must pass the canonical schema. */
export function adaptFixture(source: AdaptSource, name: string): ReturnType<typeof adaptAll> {
  const result = adaptAll(source, fixtureText(source, name));
  for (const event of result.events) expect(eventProblem(event), JSON.stringify(event)).toBeNull();
  return result;
}

/** Events without their payloads, for the shape of a run at a glance: "conversation.assigned c-1". */
export function outline(events: readonly { readonly type: string }[]): string[] {
  return events.map((event) => {
    const subject = (event as { conversationId?: string; agentId?: string }).conversationId ?? (event as { agentId?: string }).agentId ?? '';
    return `${event.type} ${subject}`.trim();
  });
}
