import { describe, expect, it } from 'vitest';
import type { ConnectionProblem, ConnectionSummary } from '../../../../src-shared/api/connection.js';
import { connectionTitle, describeSuccess, feedFormErrors, feedUrlError, problemTitle } from '../../../../src-renderer/views/connection/connection-model.js';

const saved: ConnectionSummary = { connectionId: 'feed-1', kind: 'remote', label: 'North', url: 'wss://n.example/', demoUserId: null, hasToken: true };

describe('connection model', () => {
  it.each([
    ['', /Enter the feed address/u],
    ['https://feed.example', /must start with wss:\/\//u],
    ['not a url', /not a valid address/u],
    ['wss://feed.example/live', null],
    ['ws://10.0.0.5:7400', null],
  ])('checks the address %j', (url, expected) => {
    const error = feedUrlError(url);
    if (expected === null) expect(error).toBeNull();
    else expect(error).toMatch(expected);
  });

  it('asks for a token for a new feed, not for a saved one that keeps its token', () => {
    expect(feedFormErrors({ label: '', url: 'wss://a.example', token: '' }, null).token).toMatch(/token/u);
    expect(feedFormErrors({ label: '', url: 'wss://a.example', token: '' }, saved).token).toBeNull();
  });

  it('has a title for every problem a test reports', () => {
    const problems: ConnectionProblem[] = ['invalid_url', 'unreachable', 'tls', 'unauthorized', 'unsupported_version', 'timeout', 'not_a_feed'];
    expect(new Set(problems.map(problemTitle)).size).toBe(problems.length);
  });

  it('says who the feed signs in as, or that it names nobody', () => {
    const label = (role: string): string => role.toUpperCase();
    expect(describeSuccess({ ok: true, protocolVersion: 1, user: { userId: 'u', name: 'Ana', role: 'admin', queueScope: ['q1', 'q2'] }, latencyMs: 12 }, label)).toBe('Connected as Ana (ADMIN, 2 queues), 12 ms.');
    expect(describeSuccess({ ok: true, protocolVersion: 1, user: null, latencyMs: 3 }, label)).toMatch(/names no user/u);
    expect(connectionTitle({ ...saved, kind: 'embedded', demoUserId: null, url: null })).toBe('Simulated floor');
  });
});
