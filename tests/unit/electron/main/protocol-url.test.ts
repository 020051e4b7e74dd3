import { describe, expect, it } from 'vitest';
import { isConsoleRoute, routeFromArguments, routeFromProtocolUrl, withoutProtocolLinks } from '../../../../src-main/electron/main/protocol-url.js';

describe('routeFromProtocolUrl', () => {
  it.each([
    ['floorwatch://queue/q-1/performance', '/queue/q-1/performance'],
    ['floorwatch:///queue/q-1/performance', '/queue/q-1/performance'],
    ['floorwatch://queue/q-1', '/queue/q-1'],
    ['floorwatch://QUEUE/q-1', '/queue/q-1'],
    ['floorwatch://group/g-2/staffing', '/group/g-2/staffing'],
    ['floorwatch://history/c-9', '/history/c-9'],
    ['floorwatch://alerts', '/alerts'],
    ['floorwatch://wallboard/board%201', '/wallboard/board%201'],
    ['floorwatch://queue/q-1?conversation=c-1', '/queue/q-1?conversation=c-1'],
    ['floorwatch://', '/'],
    ['floorwatch:queue/q-1', '/queue/q-1'],
  ])('maps %s to %s', (url, route) => {
    expect(routeFromProtocolUrl(url)).toBe(route);
  });

  it.each([
    ['another scheme', 'https://queue/q-1'],
    ['javascript', 'javascript:alert(1)//floorwatch://queue'],
    ['file', 'file:///etc/passwd'],
    ['an unknown view', 'floorwatch://evil.example/x'],
    ['user info', 'floorwatch://user:secret@queue/q-1'],
    ['a port', 'floorwatch://queue:8080/q-1'],
    ['a fragment', 'floorwatch://queue/q-1#token=abc'],
    ['an encoded separator', 'floorwatch://queue/..%2f..%2fsecrets'],
    ['an encoded backslash', 'floorwatch://queue/a%5cb'],
    ['a backslash', 'floorwatch://queue/a\\b'],
    ['an encoded NUL', 'floorwatch://queue/q%00'],
    ['an encoded newline', 'floorwatch://queue/q%0a1'],
    ['a broken escape', 'floorwatch://queue/%zz'],
    ['a very long link', `floorwatch://queue/${'a'.repeat(600)}`],
    ['not a URL', 'floorwatch'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(routeFromProtocolUrl(url)).toBeNull();
  });

  it('keeps markup in a query percent-encoded, inert for the router', () => {
    expect(routeFromProtocolUrl('floorwatch://queue/q-1?x=<script>')).toBe('/queue/q-1?x=%3Cscript%3E');
  });

  it('keeps dot segments from escaping the view: the URL parser removes them first', () => {
    expect(routeFromProtocolUrl('floorwatch://queue/%2e%2e/q-1')).toBe('/queue/q-1');
  });
});

describe('isConsoleRoute', () => {
  it('accepts the routes notifications carry', () => {
    expect(isConsoleRoute('/queue/q-1')).toBe(true);
    expect(isConsoleRoute('/alerts')).toBe(true);
    expect(isConsoleRoute('/')).toBe(true);
    expect(isConsoleRoute('/history/')).toBe(true);
  });

  it.each(['queue/q-1', '//evil.example', '/queue//q-1', '/queue/..', '/queue/%2E', '/nope', '/queue/q 1', `/queue/${'x'.repeat(600)}`])('refuses %s', (route) => {
    expect(isConsoleRoute(route)).toBe(false);
  });
});

describe('routeFromArguments', () => {
  it('finds the link among a launch’s arguments', () => {
    expect(routeFromArguments(['/opt/Floorwatch/floorwatch', '--no-sandbox', 'floorwatch://queue/q-1'])).toBe('/queue/q-1');
    expect(routeFromArguments(['floorwatch', 'FLOORWATCH://audit'])).toBe('/audit');
  });

  it('gives null without a link, or for a refused one', () => {
    expect(routeFromArguments(['floorwatch', '--wallboard'])).toBeNull();
    expect(routeFromArguments(['floorwatch', 'floorwatch://evil.example/'])).toBeNull();
  });
});

describe('withoutProtocolLinks', () => {
  it('leaves the core only its own options', () => {
    expect(withoutProtocolLinks(['--seed', '7', 'floorwatch://queue/q-1', 'Floorwatch:audit'])).toEqual(['--seed', '7']);
  });
});
