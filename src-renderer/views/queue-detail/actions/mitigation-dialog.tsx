/** High-queue mitigation for one queue: normal, a custom high wait time message, or paused; unlocked by the queued severity. */
import { useId, useState } from 'react';
import type { QueueTile } from '../../../../src-shared/api/live.js';
import type { MitigationState } from '../../../../src-shared/protocol/events.js';
import { FormDialog } from '../../../components/form-dialog.js';
import { describeSeverity, mitigationMessageError, mitigationOptions, queuedSeverity } from './mitigation-rules.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

const DEFAULT_MESSAGE = 'We are busier than usual. Thank you for your patience: an agent will be with you as soon as possible.';

export interface MitigationDialogProps {
  readonly tile: QueueTile;
  readonly pending: boolean;
  readonly error: string | null;
  readonly onApply: (state: MitigationState, message: string | undefined) => void;
  readonly onClose: () => void;
}

export function MitigationDialog({ tile, pending, error, onApply, onClose }: MitigationDialogProps) {
  const [chosen, setChosen] = useState<MitigationState>(tile.mitigation.state);
  const [message, setMessage] = useState(tile.mitigation.message ?? DEFAULT_MESSAGE);
  const [anyway, setAnyway] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const groupId = useId();
  const queued = tile.metrics.queued;
  const severity = queuedSeverity(queued, tile.thresholds);
  const options = mitigationOptions(queued, tile.thresholds, tile.mitigation.state, tile.channel);
  const selected = options.find((option) => option.state === chosen);
  const locked = selected !== undefined && !selected.unlocked;
  const messageError = mitigationMessageError(chosen, message);
  const unchanged = chosen === tile.mitigation.state && (chosen !== 'custom_message' || message.trim() === (tile.mitigation.message ?? '').trim());

  const submit = (): void => {
    setAttempted(true);
    if (messageError !== null || unchanged || (locked && !anyway)) return;
    onApply(chosen, chosen === 'custom_message' ? message.trim() : undefined);
  };

  return (
    <FormDialog className="live-admin"
      title={t('mitigationName', { name: tile.name })}
      testId="mitigation-dialog"
      onCancel={onClose}
      error={error}
      onSubmit={submit}
      submitLabel={pending ? t('applying') : locked ? t('applyAnyway') : t('apply')}
      submitDisabled={pending || unchanged || (locked && !anyway)}
    >
      <p className={`severity-line severity-line--${severity}`} data-testid="mitigation-severity" data-severity={severity}>
        <span className={`severity-dot severity-dot--${severity}`} aria-hidden="true" />
        {describeSeverity(severity, queued, tile.thresholds)}
      </p>
      <div role="radiogroup" aria-labelledby={`${groupId}-label`} className="option-list">
        <p id={`${groupId}-label`} className="field__label">
          {t('whatCustomersOfThis')}
        </p>
        {options.map((option) => (
          <label key={option.state} className={`option${option.unlocked ? '' : ' is-locked'}${chosen === option.state ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name={`${groupId}-state`}
              value={option.state}
              checked={chosen === option.state}
              onChange={() => {
                setChosen(option.state);
                setAnyway(false);
              }}
              autoFocus={chosen === option.state}
              data-testid={`mitigation-option-${option.state}`}
            />
            <span className="option__text">
              <span className="option__label">
                {option.label}
                {option.current ? <span className="option__current">{t('current')}</span> : null}
                {option.unlocked ? null : <span className="option__lock">{t('locked')}</span>}
              </span>
              <span className="option__description">{option.description}</span>
              {option.lockedReason === null ? null : <span className="option__reason">{option.lockedReason}</span>}
            </span>
          </label>
        ))}
      </div>
      {chosen === 'custom_message' ? (
        <label className="field">
          <span className="field__label">{t('messageCustomersSeeInstead')}</span>
          <textarea className="input textarea" rows={3} maxLength={1000} value={message} onChange={(event) => setMessage(event.target.value)} data-testid="mitigation-message" />
          {attempted && messageError !== null ? (
            <span className="field__error" role="alert">
              {messageError}
            </span>
          ) : null}
        </label>
      ) : null}
      {locked ? (
        <label className="choice__label confirm-anyway">
          <input type="checkbox" checked={anyway} onChange={(event) => setAnyway(event.target.checked)} data-testid="mitigation-anyway" />
          <span>{t('theQueueHasNot')}</span>
        </label>
      ) : null}
      {unchanged ? <p className="muted">{t('thisIsTheQueue')}</p> : null}
    </FormDialog>
  );
}
