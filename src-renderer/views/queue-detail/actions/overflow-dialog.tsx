/** Overflow routing rules of one queue: when (no available agent / outside business hours) and where to (a queue of the same channel). */
import { useState } from 'react';
import type { QueueTile } from '../../../../src-shared/api/live.js';
import type { OverflowRule } from '../../../../src-shared/protocol/events.js';
import { FormDialog } from '../../../components/form-dialog.js';
import type { QueueChoice } from '../../../hooks/use-queue-choices.js';
import { describeOverflowRule, nextFreeCondition, OVERFLOW_WHEN, OVERFLOW_WHEN_LABELS, overflowRuleErrors, overflowTargets } from './overflow-model.js';
import { canonicalJson } from '../../../../src-shared/api/commands.js';
import { randomId } from '../../../ids/random-id.js';
import { useT } from '../../../i18n/translate.js';

const t = useT('queue-detail');

export interface OverflowDialogProps {
  readonly tile: QueueTile;
  readonly queues: readonly QueueChoice[];
  readonly pending: boolean;
  readonly error: string | null;
  readonly onSave: (rules: readonly OverflowRule[]) => void;
  readonly onClose: () => void;
}

export function OverflowDialog({ tile, queues, pending, error, onSave, onClose }: OverflowDialogProps) {
  const [rules, setRules] = useState<readonly OverflowRule[]>(tile.overflowRules);
  const [attempted, setAttempted] = useState(false);
  const source = { queueId: tile.queueId, name: tile.name, channel: tile.channel };
  const targets = overflowTargets(queues, source);
  const errors = overflowRuleErrors(rules, source, queues);
  const unchanged = canonicalJson(rules) === canonicalJson(tile.overflowRules);
  const nameOf = (queueId: string): string | undefined => queues.find((queue) => queue.queueId === queueId)?.name;
  const free = nextFreeCondition(rules);

  const update = (index: number, change: Partial<OverflowRule>): void => setRules((current) => current.map((rule, at) => (at === index ? { ...rule, ...change } : rule)));
  const add = (): void => {
    if (free === null) return;
    setRules((current) => [...current, { ruleId: randomId('rule'), when: free, targetQueueId: targets[0]?.queueId ?? '' }]);
  };
  const submit = (): void => {
    setAttempted(true);
    if (errors.length === 0 && !unchanged) onSave(rules);
  };

  return (
    <FormDialog className="live-admin" title={t('overflowRulesName', { name: tile.name })} testId="overflow-dialog" onCancel={onClose} error={error} onSubmit={submit} submitLabel={pending ? t('saving') : t('saveRules')} submitDisabled={pending || unchanged} wide>
      <p className="muted">{t('sendNewTrafficOf')}{tile.channel}{t('queueEachConditionHas')}</p>
      {rules.length === 0 ? <p className="empty-note">{t('noOverflowRulesThis')}</p> : null}
      <ol className="rule-list">
        {rules.map((rule, index) => (
          <li key={rule.ruleId} className="rule" data-testid="overflow-rule">
            <label className="field">
              <span className="field__label">{t('when')}</span>
              <select className="input" value={rule.when} onChange={(event) => update(index, { when: event.target.value === 'outside_business_hours' ? 'outside_business_hours' : 'no_available_agents' })} data-testid="overflow-when">
                {OVERFLOW_WHEN.map((when) => (
                  <option key={when} value={when}>
                    {OVERFLOW_WHEN_LABELS[when]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field--grow">
              <span className="field__label">{t('sendTo')}</span>
              <select className="input" value={rule.targetQueueId} onChange={(event) => update(index, { targetQueueId: event.target.value })} data-testid="overflow-target">
                <option value="">{t('chooseA')}{tile.channel}{t('queue')}</option>
                {targets.map((queue) => (
                  <option key={queue.queueId} value={queue.queueId}>
                    {queue.name}
                  </option>
                ))}
              </select>
            </label>
            <p className="rule__summary">{rule.targetQueueId.length === 0 ? t('noTargetYet') : describeOverflowRule(rule, nameOf)}</p>
            <button type="button" className="button" onClick={() => setRules((current) => current.filter((_, at) => at !== index))} aria-label={t('removeRuleValue0', { value0: index + 1 })} data-testid="overflow-remove">
              {t('remove')}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={add} disabled={free === null || targets.length === 0} data-testid="overflow-add">
        {t('addARule')}
      </button>
      {targets.length === 0 ? <p className="muted">{t('noOther')}{tile.channel}{t('queueToOverflowTo')}</p> : null}
      {attempted && errors.length > 0 ? (
        <ul className="form-error" role="alert" data-testid="overflow-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </FormDialog>
  );
}
