import { describe, expect, it } from 'vitest';
import { extractTokenFromFragment, takeAccessToken, TOKEN_STORAGE_KEY } from '../../../../src-renderer/client/access-token.js';
import type { TokenEnvironment } from '../../../../src-renderer/client/access-token.js';

describe('extractTokenFromFragment', () => {
  it.each([
    ['#token=abc123', 'abc123', ''],
    ['token=abc123', 'abc123', ''],
    ['#token=a%2Bb%3D', 'a+b=', ''],
    ['#view=wallboard&token=abc&board=2', 'abc', '#view=wallboard&board=2'],
    ['#main', null, '#main'],
    ['', null, ''],
    ['#token=', null, ''],
    ['#token=%20%20', null, ''],
    ['#/wallboard?token=abc', 'abc', '#/wallboard'],
    ['#/wallboard/floor?board=2&token=abc', 'abc', '#/wallboard/floor?board=2'],
    ['#/queue/q-1/conversations', null, '#/queue/q-1/conversations'],
    ['#/queue/q-1/conversations?agent=a1', null, '#/queue/q-1/conversations?agent=a1'],
  ])('%s → token %s, rest %s', (hash, token, rest) => {
    expect(extractTokenFromFragment(hash)).toEqual({ token, remainingHash: rest });
  });
});

function environment(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored === null ? [] : [[TOKEN_STORAGE_KEY, stored]]);
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { hash, pathname: '/console/', search: '?display=2' },
    history: { replaceState: (_data, _unused, url) => replaced.push(url ?? '') },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { env, storage, replaced };
}

describe('takeAccessToken', () => {
  it('stores the fragment token and removes it from the address bar', () => {
    const { env, storage, replaced } = environment('#token=fresh&board=1', 'old');

    expect(takeAccessToken(env)).toBe('fresh');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('fresh');
    expect(replaced).toEqual(['/console/?display=2#board=1']);
  });

  it('falls back to the stored token after a reload, leaving the URL alone', () => {
    const { env, replaced } = environment('', 'kept');

    expect(takeAccessToken(env)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('returns null when there is no token anywhere, and survives disabled storage', () => {
    const { env } = environment('#main');
    const broken: TokenEnvironment = {
      ...env,
      sessionStorage: {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      },
    };

    expect(takeAccessToken(env)).toBeNull();
    expect(takeAccessToken(broken)).toBeNull();
    expect(takeAccessToken({ ...broken, location: { ...broken.location, hash: '#token=t' } })).toBe('t');
  });
});
