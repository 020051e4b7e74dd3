/**
 * The console's connections for the connection screens: the list from the runtime, and switching,
 * after which the page starts again as the new user (its sockets close with 4010 and every store
 * would otherwise hold the previous connection's data).
 */
import { useCallback, useState } from 'react';
import { useQuery } from '../../hooks/use-api.js';
import { useCommand } from '../../hooks/use-command.js';
import { useT } from '../../i18n/translate.js';

const t = useT('connection');

export function useConnections() {
  return useQuery<'connection.list'>({ type: 'connection.list' });
}

export interface Switcher {
  readonly switchingTo: string | null;
  readonly error: string | null;
  /** `restart: false` when the connection is already the current one (only the choice is recorded). */
  use(connectionId: string, label: string, options?: { readonly restart?: boolean }): Promise<boolean>;
}

/** Switches connection and reloads the console when the runtime has switched. */
export function useSwitcher(): Switcher {
  const command = useCommand();
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const use = useCallback(
    async (connectionId: string, label: string, options: { readonly restart?: boolean } = {}) => {
      setSwitchingTo(label);
      setError(null);
      const result = await command.run({ type: 'connection.use', connectionId }, { pending: t('switchingToLabel', { label }), describe: () => t('nowOnLabel', { label }) });
      if (result.ok && options.restart !== false) {
        window.location.reload();
        return true;
      }
      setSwitchingTo(null);
      if (!result.ok) setError(result.error);
      return result.ok;
    },
    [command],
  );
  return { switchingTo, error, use };
}
