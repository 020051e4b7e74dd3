/** The user's overview layout (hidden queues): loaded with live.layout, saved with layout.save. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LayoutPreferences } from '../../../src-shared/api/live-insights.js';
import type { Result } from '../../../src-shared/result.js';
import { useQuery } from '../../hooks/use-api.js';
import { useCommand, type CommandFeedback } from '../../hooks/use-command.js';
import { useT } from '../../i18n/translate.js';

const t = useT('live-overview');

export interface Layout {
  /** Until the layout is known (or when it cannot be read) nothing is hidden: showing too much beats hiding a queue in trouble. */
  readonly hiddenQueueIds: ReadonlySet<string>;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: string | null;
  readonly feedback: CommandFeedback;
  save(hiddenQueueIds: readonly string[]): Promise<Result<LayoutPreferences>>;
}

const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

/** Reads the layout once per mount and keeps the saved answer. */
export function useLayout(): Layout {
  const query = useQuery<'live.layout'>({ type: 'live.layout' });
  const command = useCommand();
  const [saved, setSaved] = useState<LayoutPreferences | null>(null);
  const loaded = query.status === 'ready' ? query.value : null;
  useEffect(() => {
    if (loaded !== null) setSaved(loaded);
  }, [loaded]);
  const current = saved ?? loaded;
  const hiddenQueueIds = useMemo(() => (current === null || current.hiddenQueueIds.length === 0 ? NOTHING_HIDDEN : new Set(current.hiddenQueueIds)), [current]);
  const { run } = command;
  const save = useCallback(
    async (ids: readonly string[]) => {
      const result = await run<'layout.save'>(
        { type: 'layout.save', hiddenQueueIds: [...ids] },
        {
          pending: t('savingYourLayout'),
          describe: (value) => (value.hiddenQueueIds.length === 0 ? t('layoutSavedEveryQueue') : t('layoutSavedLengthHidden', { length: value.hiddenQueueIds.length })),
        },
      );
      if (result.ok) setSaved(result.value);
      return result;
    },
    [run],
  );
  return {
    hiddenQueueIds,
    status: current !== null ? 'ready' : query.status === 'error' ? 'error' : 'loading',
    error: query.status === 'error' ? query.error : null,
    feedback: command.feedback,
    save,
  };
}
