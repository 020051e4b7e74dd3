/**
 * "Copy to other queues": the hours shown are sent to each picked queue as its own
 * queue.business_hours command (its own audit record and receipt), one after the other, with the
 * progress and each queue's answer shown as they come.
 */
import { useRef, useState } from 'react';
import type { QueueSettings } from '../../../src-shared/api/management.js';
import type { BusinessHours } from '../../../src-shared/protocol/events.js';
import { createCommandIssuer, type CommandIssuer } from '../../client/commands.js';
import { useClient } from '../../hooks/client-context.js';
import { useT } from '../../i18n/translate.js';

const t = useT('management');

type CopyResult = { readonly state: 'waiting' } | { readonly state: 'sending' } | { readonly state: 'done'; readonly text: string } | { readonly state: 'refused'; readonly text: string };

export interface CopyHoursProps {
  readonly source: QueueSettings;
  readonly queues: readonly QueueSettings[];
  /** The hours to copy (what the editor shows); null while the draft has errors. */
  readonly hours: BusinessHours | null;
  readonly onDone: () => void;
}

export function CopyHours({ source, queues, hours, onDone }: CopyHoursProps) {
  const client = useClient();
  const others = queues.filter((queue) => queue.queueId !== source.queueId);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<ReadonlyMap<string, CopyResult>>(new Map());
  const [running, setRunning] = useState(false);
  // One issuer per target queue: a retry of the same copy to the same queue reuses its command id.
  const issuers = useRef(new Map<string, CommandIssuer>());
  const issuerFor = (queueId: string): CommandIssuer => {
    const existing = issuers.current.get(queueId);
    if (existing !== undefined) return existing;
    const created = createCommandIssuer(client);
    issuers.current.set(queueId, created);
    return created;
  };

  if (others.length === 0) return null;
  const toggle = (queueId: string, on: boolean): void => {
    const next = new Set(picked);
    if (on) next.add(queueId);
    else next.delete(queueId);
    setPicked(next);
  };
  const targets = others.filter((queue) => picked.has(queue.queueId));
  const finished = [...results.values()].filter((result) => result.state === 'done' || result.state === 'refused').length;

  const copy = async (): Promise<void> => {
    if (hours === null || targets.length === 0) return;
    setRunning(true);
    const progress = new Map<string, CopyResult>(targets.map((queue) => [queue.queueId, { state: 'waiting' }]));
    setResults(new Map(progress));
    for (const queue of targets) {
      progress.set(queue.queueId, { state: 'sending' });
      setResults(new Map(progress));
      const result = await issuerFor(queue.queueId).send<'queue.business_hours'>({ type: 'queue.business_hours', queueId: queue.queueId, businessHours: hours });
      progress.set(queue.queueId, result.ok ? { state: 'done', text: `Saved (audit #${result.value.auditId}${result.value.detail === null ? '' : `, ${result.value.detail}`}).` } : { state: 'refused', text: result.error });
      setResults(new Map(progress));
    }
    setRunning(false);
    onDone();
  };

  return (
    <fieldset className="hours-group hours-copy" data-testid="hours-copy">
      <legend className="hours-group__title">{t('copyTheseHoursTo')}</legend>
      <p className="field__hint">{t('eachQueueGetsThe')}</p>
      <ul className="hours-copy__queues">
        {others.map((queue) => {
          const result = results.get(queue.queueId);
          return (
            <li key={queue.queueId} className="hours-copy__queue" data-testid="hours-copy-queue" data-queue-id={queue.queueId} data-state={result?.state ?? 'idle'}>
              <label>
                <input type="checkbox" checked={picked.has(queue.queueId)} disabled={running} onChange={(event) => toggle(queue.queueId, event.target.checked)} />
                {queue.name} <span className="muted">({queue.timeZone})</span>
              </label>
              {result === undefined ? null : (
                <span className={`hours-copy__result hours-copy__result--${result.state}`}>
                  {result.state === 'waiting' ? t('waiting') : result.state === 'sending' ? t('sending') : result.state === 'refused' ? t('notDoneText', { text: result.text }) : result.text}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => void copy()} disabled={running || hours === null || targets.length === 0} data-testid="hours-copy-run">
          {targets.length === 0 ? t('copyToThePicked') : t('copyToQueues', { count: targets.length })}
        </button>
        <p role="status" aria-live="polite" className="muted" data-testid="hours-copy-progress">
          {results.size === 0 ? '' : running ? t('copyingFinishedOfSize', { finished, size: results.size }) : t('finishedOfSizeDone', { finished, size: results.size })}
        </p>
      </div>
    </fieldset>
  );
}
