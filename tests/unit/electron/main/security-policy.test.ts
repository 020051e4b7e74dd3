import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CLIENT_MESSAGE_BYTES } from '../../../../src-shared/api/contract.js';
import { APP_ENTRY_URL, APP_ORIGIN, userArguments } from '../../../../src-main/electron/main/app-location.js';
import {
  appResponseHeaders,
  checkSender,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  decideNavigation,
  isAllowedDownload,
  decideWindowOpen,
  isAllowedExternalUrl,
  isAllowedSessionRequest,
  isInsideDirectory,
  isTrustedSenderUrl,
  resolveAppFile,
  responseHeadersFor,
  validateRendererRequest,
  withContentSecurityPolicy,
} from '../../../../src-main/electron/main/security-policy.js';

const root = mkdtempSync(join(tmpdir(), 'floorwatch-renderer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it.each([
    ['the origin itself', 'app://floorwatch', join(root, 'index.html')],
    ['the root path', 'app://floorwatch/', join(root, 'index.html')],
    ['the entry page', APP_ENTRY_URL, join(root, 'index.html')],
    ['a bundle', 'app://floorwatch/app.js', join(root, 'app.js')],
    ['a nested asset', 'app://floorwatch/assets/logo.svg', join(root, 'assets', 'logo.svg')],
    ['a query string is ignored', 'app://floorwatch/app.css?v=3', join(root, 'app.css')],
    ['a fragment is ignored', 'app://floorwatch/index.html#/queues', join(root, 'index.html')],
    ['an encoded space', 'app://floorwatch/my%20file.png', join(root, 'my file.png')],
    ['a dotted file name', 'app://floorwatch/app.js.map', join(root, 'app.js.map')],
  ])('maps %s to a file inside the folder', (_name, url, file) => {
    expect(resolveAppFile(url, root)).toBe(file);
  });
});

describe('isTrustedSenderUrl and decideNavigation', () => {
  it.each([APP_ENTRY_URL, `${APP_ORIGIN}/`, `${APP_ORIGIN}/index.html#/wallboard`, `${APP_ORIGIN}/index.html?board=1`])('trusts our own page %s', (url) => {
    expect(isTrustedSenderUrl(url, APP_ORIGIN)).toBe(true);
    expect(decideNavigation(url)).toBe('allow');
  });

  it('follows the origin it is given', () => {
    expect(isTrustedSenderUrl('app://other/index.html', 'app://other')).toBe(true);
    expect(isTrustedSenderUrl(APP_ENTRY_URL, 'app://other')).toBe(false);
  });

  it('trusts nothing when the origin itself is not a usable URL', () => {
    expect(isTrustedSenderUrl(APP_ENTRY_URL, 'not a url')).toBe(false);
    expect(isTrustedSenderUrl('mailto:a@b.c', 'mailto:a@b.c')).toBe(false);
  });
});

describe('isAllowedExternalUrl and decideWindowOpen', () => {
  it.each(['https://example.com/', 'https://docs.example.com/a/b?c=d#e', 'mailto:supervisor@example.com'])('hands %s to the OS', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
    expect(decideWindowOpen(url)).toBe('open-external');
  });

  it('refuses an empty mailto', () => {
    expect(isAllowedExternalUrl('mailto:')).toBe(false);
  });
});

describe('isAllowedSessionRequest', () => {
  it('allows the app origin and DevTools, nothing else', () => {
    expect(isAllowedSessionRequest(`${APP_ORIGIN}/app.js`)).toBe(true);
    expect(isAllowedSessionRequest('devtools://devtools/bundled/devtools_app.html')).toBe(true);
    expect(isAllowedSessionRequest('https://example.com/')).toBe(false);
  });
});

describe('checkSender', () => {
  it('answers with the window id for the main frame of one of our windows', () => {
    expect(checkSender({ windowId: 7, isMainFrame: true, frameUrl: APP_ENTRY_URL }, new Set([3, 7]))).toEqual({ ok: true, value: 7 });
  });
});

describe('validateRendererRequest', () => {
  it('accepts each kind of request and applies the contract defaults', () => {
    expect(validateRendererRequest({ request: { op: 'query', query: { type: 'session.info' } } })).toEqual({ ok: true, value: { op: 'query', query: { type: 'session.info' } } });
    expect(validateRendererRequest({ request: { op: 'query', query: { type: 'conversations.recent', queueId: 'q1' } } })).toEqual({
      ok: true,
      value: { op: 'query', query: { type: 'conversations.recent', queueId: 'q1', limit: 50 } },
    });
    expect(validateRendererRequest({ request: { op: 'subscribe', subscription: { topic: 'overview' } } })).toEqual({ ok: true, value: { op: 'subscribe', subscription: { topic: 'overview' } } });
    expect(validateRendererRequest({ request: { op: 'unsubscribe', subscriptionId: 's1' } })).toEqual({ ok: true, value: { op: 'unsubscribe', subscriptionId: 's1' } });
  });

  it('accepts a payload just under the size limit and names the bad field when the shape is wrong', () => {
    const envelopeBytes = JSON.stringify({ request: { op: 'unsubscribe', subscriptionId: '' } }).length;
    const largest = { request: { op: 'unsubscribe', subscriptionId: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES - envelopeBytes) } };
    // The id is longer than the contract allows, so it fails on shape, not on size.
    const result = validateRendererRequest(largest);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('request.subscriptionId') });
  });
});

describe('headers', () => {
  it('uses exactly the console CSP', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('keeps other response headers and adds the CSP', () => {
    expect(withContentSecurityPolicy({ 'Content-Type': ['text/html'] })).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('serves files with their type, the CSP and nosniff', () => {
    expect(appResponseHeaders('text/css; charset=utf-8')).toMatchObject({
      'Content-Type': 'text/css; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['APP.JS', 'text/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
    ['app.js.map', 'application/json'],
    ['font.woff2', 'font/woff2'],
    ['README', 'application/octet-stream'],
    ['archive.tar.gz', 'application/octet-stream'],
  ])('gives %s the type %s', (file, type) => {
    expect(contentTypeFor(join(root, file))).toBe(type);
  });
});

describe('isInsideDirectory', () => {
  it.each([
    [join(root, 'index.html'), true],
    [join(root, 'assets', 'a.js'), true],
    [join(root, '..dotted'), true],
    [root, false],
    [join(root, '..'), false],
    [join(root, '..', 'sibling', 'a.js'), false],
    ['/etc/passwd', false],
  ])('%s inside the folder: %s', (file, inside) => {
    expect(isInsideDirectory(root, file)).toBe(inside);
  });
});

describe('userArguments', () => {
  it('drops the executable, and the app folder in development', () => {
    expect(userArguments(['/opt/Floorwatch/floorwatch', '--seed', '7'], true)).toEqual(['--seed', '7']);
    expect(userArguments(['/x/electron', '/work/app', '--seed', '7'], false)).toEqual(['--seed', '7']);
  });
});

describe('responseHeadersFor', () => {
  it('puts the CSP on app responses and leaves DevTools pages their own policy', () => {
    expect(responseHeadersFor(APP_ENTRY_URL, { 'content-security-policy': ['default-src *'] })).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(responseHeadersFor('devtools://devtools/bundled/devtools_app.html', { 'Content-Security-Policy': ['object-src none'] })).toEqual({
      'Content-Security-Policy': ['object-src none'],
    });
  });
});

describe('isAllowedDownload', () => {
  it('lets the console save files it assembled itself and refuses every other download', () => {
    expect(isAllowedDownload('blob:app://floorwatch/5d0c7f0e-8a54-4f4e-9d7b-2f0c1f9e8e11')).toBe(true);
    expect(isAllowedDownload('blob:https://evil.example/5d0c7f0e')).toBe(false);
    expect(isAllowedDownload('https://evil.example/payload.exe')).toBe(false);
    expect(isAllowedDownload('app://floorwatch/index.html')).toBe(false);
    expect(isAllowedDownload('blob:app://floorwatch.evil/abc')).toBe(false);
  });
});
