/**
 * The supervisor actions a queue offers on its detail page: high-queue mitigation, overflow rules,
 * bulk transfer of waiting conversations and end all, and a link to the queue's thresholds and
 * business hours in Management. Each control appears only for a role that may use it; each action
 * asks first, sends one command per intent, and announces its answer in one live region.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { MitigationState, OverflowRule } from '../../../../src-shared/protocol/events.js';
import { assertNever } from '../../../../src-shared/result.js';
import { useCan } from '../../../hooks/use-api.js';
import { useConsole } from '../../../hooks/store-context.js';
import { useQueueChoices } from '../../../hooks/use-queue-choices.js';
import { ActionFeedback } from '../../../components/action-feedback.js';
import { EndAllDialog, TransferDialog } from './bulk-dialogs.js';
import { endAllDone, transferDone } from './bulk-model.js';
import { MitigationDialog } from './mitigation-dialog.js';
import { describeSeverity, queuedSeverity } from './mitigation-rules.js';
import { OverflowDialog } from './overflow-dialog.js';
import { describeOverflowRule } from './overflow-model.js';
import { useCommand } from '../../../hooks/use-command.js';
import { formatRoute } from '../../../shell/router.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

type OpenDialog = 'mitigation' | 'overflow' | 'transfer' | 'end_all' | null;

const mitigationWords: Readonly<Record<MitigationState, string>> = {
  normal: 'Normal',
  custom_message: 'High wait time message',
  paused: 'Paused',
};

function receiptNote(detail: string | null): string {
  return detail === null || detail.length === 0 ? '' : ` ${detail}`;
}

/** The actions bar of one queue. Renders nothing for a role with no queue action. */
export function QueueActions({ queueId }: { readonly queueId: string }) {
  const tile = useConsole((state) => state.overview.queues[queueId]);
  const canMitigate = useCan('queue.mitigation');
  const canOverflow = useCan('queue.overflow');
  const canBulk = useCan('queue.bulk_actions');
  const [open, setOpen] = useState<OpenDialog>(null);
  const queues = useQueueChoices(open === 'overflow' || open === 'transfer');
  const command = useCommand();
  const close = (): void => setOpen(null);
  const openDialog = (dialog: Exclude<OpenDialog, null>): void => {
    command.clear();
    setOpen(dialog);
  };

  if (!canMitigate && !canOverflow && !canBulk) return null;
  if (tile === undefined) {
    return (
      <div className="live-admin queue-actions" data-queue-id={queueId} data-testid="queue-actions">
        <p className="muted">{t('actionsAppearOnceThe')}</p>
      </div>
    );
  }

  const severity = queuedSeverity(tile.metrics.queued, tile.thresholds);
  const nameOf = (id: string): string | undefined => queues.find((queue) => queue.queueId === id)?.name ?? (id === tile.queueId ? tile.name : undefined);

  const applyMitigation = async (state: MitigationState, message: string | undefined): Promise<void> => {
    const result = await command.run<'queue.mitigation'>(
      { type: 'queue.mitigation', queueId, state, ...(message === undefined ? {} : { message }) },
      { pending: t('settingNameToValue1', { name: tile.name, value1: mitigationWords[state] }), describe: (receipt) => `${tile.name}: ${mitigationWords[state]}.${receiptNote(receipt.detail)}` },
    );
    if (result.ok) close();
  };
  const saveOverflow = async (rules: readonly OverflowRule[]): Promise<void> => {
    const result = await command.run<'queue.overflow'>(
      { type: 'queue.overflow', queueId, rules: [...rules] },
      {
        pending: t('savingTheOverflowRules', { name: tile.name }),
        describe: () => (rules.length === 0 ? t('nameNoOverflowRules', { name: tile.name }) : `${tile.name}: ${rules.map((rule) => describeOverflowRule(rule, nameOf)).join('; ')}.`),
      },
    );
    if (result.ok) close();
  };
  const transfer = async (target: { readonly queueId: string; readonly name: string }, count: number): Promise<void> => {
    const result = await command.run<'queue.transfer_waiting'>(
      { type: 'queue.transfer_waiting', queueId, targetQueueId: target.queueId },
      { pending: t('movingTheWaitingCustomers', { name: tile.name, name1: target.name }), describe: (receipt) => `${transferDone(tile.channel, count, target.name)}${receiptNote(receipt.detail)}` },
    );
    if (result.ok) close();
  };
  const endAll = async (count: number): Promise<void> => {
    const result = await command.run<'queue.end_all'>(
      { type: 'queue.end_all', queueId },
      { pending: t('endingEveryConversationOf', { name: tile.name }), describe: (receipt) => `${endAllDone(tile.channel, count, tile.name)}${receiptNote(receipt.detail)}` },
    );
    if (result.ok) close();
  };
  const dialogError = command.feedback.kind === 'error' ? command.feedback.text : null;
  const dialog = (): ReactNode => {
    switch (open) {
      case null:
        return null;
      case 'mitigation':
        return <MitigationDialog tile={tile} pending={command.pending} error={dialogError} onApply={(state, message) => void applyMitigation(state, message)} onClose={close} />;
      case 'overflow':
        return <OverflowDialog tile={tile} queues={queues} pending={command.pending} error={dialogError} onSave={(rules) => void saveOverflow(rules)} onClose={close} />;
      case 'transfer':
        return <TransferDialog tile={tile} queues={queues} pending={command.pending} error={dialogError} onConfirm={(target, count) => void transfer(target, count)} onClose={close} />;
      case 'end_all':
        return <EndAllDialog tile={tile} pending={command.pending} error={dialogError} onConfirm={(count) => void endAll(count)} onClose={close} />;
      default:
        return assertNever(open, 'dialog');
    }
  };

  return (
    <div className="live-admin queue-actions" data-queue-id={queueId} data-testid="queue-actions">
      <div className="queue-actions__state">
        <span className={`severity-chip severity-chip--${severity}`} title={describeSeverity(severity, tile.metrics.queued, tile.thresholds)} data-testid="queue-severity" data-severity={severity}>
          <span className={`severity-dot severity-dot--${severity}`} aria-hidden="true" />
          {severity === 'none' ? t('queueNormal') : severity === 'low' ? t('lowQueue') : t('highQueue')}
        </span>
        <span className="queue-actions__mitigation" data-testid="queue-mitigation-state" data-state={tile.mitigation.state}>
          {t('mitigation')}{mitigationWords[tile.mitigation.state]}
        </span>
      </div>
      <div className="queue-actions__buttons" role="group" aria-label={t('actionsOnName', { name: tile.name })}>
        {canMitigate ? (
          <button type="button" className="button" onClick={() => openDialog('mitigation')} disabled={command.pending} aria-haspopup="dialog" data-testid="action-mitigation">
            {t('mitigation2')}
          </button>
        ) : null}
        {canOverflow ? (
          <button type="button" className="button" onClick={() => openDialog('overflow')} disabled={command.pending} aria-haspopup="dialog" data-testid="action-overflow">
            {t('overflowRules')}{tile.overflowRules.length > 0 ? ` (${tile.overflowRules.length})` : ''}…
          </button>
        ) : null}
        {canBulk ? (
          <>
            <button type="button" className="button" onClick={() => openDialog('transfer')} disabled={command.pending} aria-haspopup="dialog" data-testid="action-transfer">
              {t('transferWaiting')}
            </button>
            <button type="button" className="button button--danger" onClick={() => openDialog('end_all')} disabled={command.pending} aria-haspopup="dialog" data-testid="action-end-all">
              {t('endAll')}
            </button>
          </>
        ) : null}
        {/* Thresholds (the organisation's and your own) and business hours live in Management now. */}
        <a className="button" href={formatRoute({ view: 'manage', section: 'thresholds', queueId })} data-testid="action-thresholds">
          {t('thresholds')}
        </a>
        <a className="button" href={formatRoute({ view: 'manage', section: 'hours', queueId })} data-testid="action-hours">
          {t('businessHours')}
        </a>
      </div>
      <ActionFeedback feedback={command.feedback} testId="action-feedback" onDismiss={command.clear} />
      {dialog()}
    </div>
  );
}
