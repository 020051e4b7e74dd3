/** Gives a component its own command issuer: one id per user intent, kept across re-renders. */
import { useMemo } from 'react';
import { createCommandIssuer, type CommandIssuer } from '../client/commands.js';
import { useClient } from './client-context.js';

/** The issuer of this component's commands (client/commands.ts); a new client gets a new one. */
export function useCommandIssuer(): CommandIssuer {
  const client = useClient();
  return useMemo(() => createCommandIssuer(client), [client]);
}
