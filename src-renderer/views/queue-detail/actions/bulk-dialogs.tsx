/** Confirmations of the bulk actions: they state how many conversations are affected before anything happens. */
import { useState } from 'react';
import type { QueueTile } from '../../../../src-shared/api/live.js';
import { FormDialog } from '../../../components/form-dialog.js';
import type { QueueChoice } from '../../../hooks/use-queue-choices.js';
import { overflowTargets } from './overflow-model.js';
import { countConversations, endAllCount, endAllQuestion, transferQuestion, waitingCount } from './bulk-model.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

export function TransferDialog({
  tile,
  queues,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  readonly tile: QueueTile;
  readonly queues: readonly QueueChoice[];
  readonly pending: boolean;
  readonly error: string | null;
  readonly onConfirm: (target: QueueChoice, count: number) => void;
  readonly onClose: () => void;
}) {
  const targets = overflowTargets(queues, { queueId: tile.queueId, name: tile.name, channel: tile.channel });
  const [targetId, setTargetId] = useState(targets[0]?.queueId ?? '');
  const target = targets.find((queue) => queue.queueId === targetId);
  const count = waitingCount(tile.metrics);
  return (
    <FormDialog className="live-admin"
      title={t('transferWaitingValue0', { value0: tile.channel === 'chat' ? 'chats' : 'calls' })}
      testId="transfer-dialog"
      onCancel={onClose}
      error={error}
      onSubmit={() => {
        if (target !== undefined) onConfirm(target, count);
      }}
      submitLabel={pending ? t('moving') : t('moveValue0', { value0: countConversations(tile.channel, count) })}
      submitDisabled={pending || target === undefined}
      tone="danger"
    >
      <label className="field">
        <span className="field__label">{t('moveTo')}</span>
        <select className="input" value={targetId} onChange={(event) => setTargetId(event.target.value)} autoFocus data-testid="transfer-target">
          {targets.map((queue) => (
            <option key={queue.queueId} value={queue.queueId}>
              {queue.name}
            </option>
          ))}
        </select>
      </label>
      {target === undefined ? (
        <p className="form-error">{t('thereIsNoOther')}{tile.channel}{t('queueToMoveThem')}</p>
      ) : (
        <p className="confirm-question" data-testid="transfer-question">
          {transferQuestion(tile.channel, count, tile.name, target.name)}
        </p>
      )}
      <p className="muted">{t('theCountIsThe')}</p>
    </FormDialog>
  );
}

export function EndAllDialog({ tile, pending, error, onConfirm, onClose }: { readonly tile: QueueTile; readonly pending: boolean; readonly error: string | null; readonly onConfirm: (count: number) => void; readonly onClose: () => void }) {
  const counts = endAllCount(tile.metrics);
  return (
    <FormDialog className="live-admin"
      title={t('endAllValue0Of', { value0: tile.channel === 'chat' ? 'chats' : 'calls', name: tile.name })}
      testId="end-all-dialog"
      onCancel={onClose}
      error={error}
      onSubmit={() => onConfirm(counts.total)}
      submitLabel={pending ? t('ending') : t('endValue0', { value0: countConversations(tile.channel, counts.total) })}
      submitDisabled={pending}
      cancelLabel={t('keepThem')}
      tone="danger"
    >
      <p className="confirm-question" data-testid="end-all-question">
        {endAllQuestion(tile.channel, counts, tile.name)}
      </p>
      <p className="muted">{t('waitingCustomersAndCustomers')}</p>
    </FormDialog>
  );
}
