/**
 * The console-link control's markup as the page first renders it: a button where the page holds
 * a console token (a browser on the host), nothing inside the desktop app, which has none.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createAccessTokenHolder } from '../../../../src-renderer/client/access-token.js';
import { createClientCore } from '../../../../src-renderer/client/client-core.js';
import { AccessTokenProvider } from '../../../../src-renderer/hooks/access-token-context.js';
import { ClientProvider } from '../../../../src-renderer/hooks/client-context.js';
import { ConsoleLinkControl } from '../../../../src-renderer/shell/console-link.js';

function render(withToken: boolean): string {
  const client = createClientCore({ onProblem: () => undefined }).client;
  const holder = withToken ? createAccessTokenHolder({ sessionStorage: { getItem: () => null, setItem: () => undefined } }, 'a-token') : null;
  const markup = renderToStaticMarkup(
    createElement(ClientProvider, { client, children: createElement(AccessTokenProvider, { holder, children: createElement(ConsoleLinkControl) }) }),
  );
  client.close();
  return markup;
}

describe('console link control', () => {
  it('offers to rotate the link where the page holds a console token, and asks before doing it', () => {
    const markup = render(true);
    expect(markup).toContain('data-testid="console-link-open"');
    expect(markup).toContain('Console link');
    // The dialog opens only on a click: nothing is rotated by rendering.
    expect(markup).not.toContain('console-link-confirm');
  });

  it('shows nothing inside the desktop app, which has no console token', () => {
    expect(render(false)).toBe('');
  });
});
