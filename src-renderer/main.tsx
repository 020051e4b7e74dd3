/** Entry point of the renderer: choose the transport, wire the store to the core once, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './client/create-client.js';
import { AccessTokenProvider } from './hooks/access-token-context.js';
import { ClientProvider } from './hooks/client-context.js';
import { StoreProvider } from './hooks/store-context.js';
import { App, MissingTokenScreen } from './shell/app.js';
import { startTheme } from './shell/theme.js';
import { createConsoleStore } from './store/console-store.js';
import { wireStore } from './store/wire-store.js';

function start(): void {
  startTheme();
  const container = document.getElementById('root');
  if (container === null) throw new Error('The page has no #root element.');
  const root = createRoot(container);
  const choice = createClient();
  if (choice.kind === 'no-token') {
    root.render(<MissingTokenScreen />);
    return;
  }
  const store = createConsoleStore();
  wireStore(choice.client, store);
  document.documentElement.dataset.transport = choice.transport;
  window.addEventListener('pagehide', () => choice.client.close());
  // A page restored from the back/forward cache has a closed client; start over with a fresh one.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) window.location.reload();
  });
  root.render(
    <StrictMode>
      <ClientProvider client={choice.client}>
        <StoreProvider store={store}>
          <AccessTokenProvider holder={choice.accessToken}>
            <App />
          </AccessTokenProvider>
        </StoreProvider>
      </ClientProvider>
    </StrictMode>,
  );
}

start();
