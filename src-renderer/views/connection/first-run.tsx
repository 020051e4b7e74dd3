/**
 * "Connect to your feed", shown above the live overview until a connection is chosen. The
 * simulated floor is already running underneath, so a newcomer sees a working console at once;
 * keeping it is one click, connecting a real feed is the form beside it.
 */
import { useState } from 'react';
import { FeedForm } from './feed-form.js';
import { useConnections, useSwitcher } from './use-connections.js';
import { useT } from '../../i18n/translate.js';

const t = useT('connection');

export function FirstRunPanel() {
  const connections = useConnections();
  const switcher = useSwitcher();
  const [showForm, setShowForm] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || connections.status !== 'ready' || !connections.value.firstRun) return null;
  const current = connections.value.currentId;

  const useSimulated = async (): Promise<void> => {
    if (await switcher.use('embedded', 'the simulated floor', { restart: current !== 'embedded' })) setDismissed(true);
  };

  return (
    <section className="panel first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <div className="first-run__intro">
        <h2 id="first-run-title" className="first-run__title">
          {t('connectToYourFeed')}
        </h2>
        <p className="muted">{t('youAreLookingAt')}</p>
      </div>
      <div className="first-run__choices">
        <button type="button" className="button button--primary" onClick={() => void useSimulated()} disabled={switcher.switchingTo !== null} data-testid="use-simulated">
          {t('useTheSimulatedFloor')}
        </button>
        <button type="button" className="button" aria-expanded={showForm} aria-controls="first-run-feed" onClick={() => setShowForm(!showForm)} data-testid="connect-feed">
          {t('connectToAFeed')}
        </button>
      </div>
      <div id="first-run-feed" hidden={!showForm}>
        {showForm ? <FeedForm editing={null} submitLabel={t('connect')} busy={switcher.switchingTo !== null} onSaved={(saved) => void switcher.use(saved.connectionId, saved.label)} /> : null}
      </div>
      <SwitchNotice switchingTo={switcher.switchingTo} error={switcher.error} />
    </section>
  );
}

/** Says a switch is under way or why it failed; shared by both connection screens. */
export function SwitchNotice({ switchingTo, error }: { readonly switchingTo: string | null; readonly error: string | null }) {
  return (
    <>
      <p role="status" aria-live="polite" className="connection-switch" data-testid="switch-status">
        {switchingTo === null ? '' : t('switchingTo', { label: switchingTo })}
      </p>
      {error === null ? null : (
        <p role="alert" className="form-error" data-testid="switch-error">
          {t('couldNotSwitch')}{error}
        </p>
      )}
    </>
  );
}
