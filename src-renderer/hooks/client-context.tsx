/** Hands views the one ConsoleClient, so they query, watch and command without knowing the transport. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleClient } from '../client/console-client.js';

const ClientContext = createContext<ConsoleClient | null>(null);

export function ClientProvider({ client, children }: { readonly client: ConsoleClient; readonly children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): ConsoleClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient needs a ClientProvider above it.');
  return client;
}
