/**
 * Screens on the network: LAN serving on or off (with the addresses a TV can open), and the
 * devices allowed to show wallboards. A new device's link carries its token and is shown once,
 * with a copy button; revoking a device cuts it off at once.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { LanServing, WallboardDevice } from '../../../src-shared/api/wallboard.js';
import { useCommandIssuer } from '../../hooks/use-command-issuer.js';
import { useCan, useQuery } from '../../hooks/use-api.js';
import { deviceTime } from './wallboard-model.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { WALLBOARD_CONFIRM_PARTS } from './confirm-parts.js';
import { useT } from '../../i18n/translate.js';

const t = useT('wallboard');

/** Connections and last-seen times change while the panel is open. */
const DEVICES_REFRESH_MS = 5_000;

function CopyButton({ text }: { readonly text: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="button"
      data-testid="device-url-copy"
      onClick={() => {
        // The clipboard needs a secure context and permission; when refused, the link stays selectable.
        if (!('clipboard' in navigator)) {
          setCopied('failed');
          return;
        }
        navigator.clipboard.writeText(text).then(
          () => setCopied('done'),
          () => setCopied('failed'),
        );
      }}
    >
      {copied === 'done' ? t('copied') : copied === 'failed' ? t('copyFailedSelectThe') : t('copyLink')}
    </button>
  );
}

function LanPanel() {
  const switching = useCommandIssuer();
  const lan = useQuery({ type: 'wallboard.lan' });
  // Whole-floor: a user limited to some queues sees the state but cannot switch it (docs/product.md §1).
  const canSwitch = useCan('wallboard.lan');
  const [override, setOverride] = useState<LanServing | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const serving = override ?? (lan.status === 'ready' ? lan.value : null);

  const toggle = (): void => {
    if (serving === null || busy) return;
    setBusy(true);
    setError(null);
    void switching.send({ type: 'wallboard.lan.set', enabled: !serving.enabled }).then((result) => {
      setBusy(false);
      if (result.ok) setOverride(result.value);
      else setError(result.error);
    });
  };

  return (
    <div className="wb-lan" data-testid="lan-panel">
      {lan.status === 'error' && serving === null ? (
        <p className="form-error" role="alert">
          {t('lanServingStateCannot')}{lan.error}
        </p>
      ) : serving === null ? (
        <p className="wb-section__empty" role="status">
          {t('readingLanServing')}
        </p>
      ) : (
        <>
          <div className="wb-lan__switch">
            <button type="button" role="switch" aria-checked={serving.enabled} className={`wb-switch${serving.enabled ? ' is-on' : ''}`} onClick={toggle} disabled={busy || !canSwitch} title={canSwitch ? undefined : t('onlyAUserWho')} data-testid="lan-toggle">
              <span className="wb-switch__track" aria-hidden="true">
                <span className="wb-switch__thumb" />
              </span>
              <span className="wb-switch__label">{t('serveWallboardsOnThe')}</span>
            </button>
            <span className="wb-lan__state" data-testid="lan-state">
              {busy ? t('changing') : serving.enabled ? t('on') : t('offThisComputerOnly')}
            </span>
          </div>
          {serving.enabled ? (
            <div className="wb-lan__urls">
              <p>{t('tvsOnTheNetwork')}{serving.maxConnections}{t('screensAtOnce')}</p>
              {serving.urls.length === 0 ? (
                <p className="wb-form__warning">{t('thisComputerHasNo')}</p>
              ) : (
                <ul>
                  {serving.urls.map((url) => (
                    <li key={url}>
                      <code data-testid="lan-url">{url}</code>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : (
            <p className="wb-section__help">{t('whileOffWallboardsAre')}</p>
          )}
        </>
      )}
      {error === null ? null : (
        <p className="form-error" role="alert" data-testid="lan-error">
          {error}
        </p>
      )}
    </div>
  );
}

function DeviceRow({ device, now, onRevoke }: { readonly device: WallboardDevice; readonly now: number; readonly onRevoke: (device: WallboardDevice) => void }) {
  const revoked = device.revokedAt !== null;
  return (
    <tr data-testid="device-row" data-device-id={device.deviceId} data-revoked={revoked}>
      <th scope="row">{device.name}</th>
      <td>
        {revoked ? (
          <span className="wb-badge wb-badge--muted">{t('revoked')}{deviceTime(device.revokedAt ?? 0, now)}</span>
        ) : device.connections > 0 ? (
          <span className="wb-badge wb-badge--ok" data-testid="device-connected">
            {t('connected')}{device.connections})
          </span>
        ) : (
          <span className="wb-badge">{t('notConnected')}</span>
        )}
      </td>
      <td>{device.lastSeenAt === null ? t('never') : deviceTime(device.lastSeenAt, now)}</td>
      <td>{device.remoteAddress ?? '–'}</td>
      <td>{deviceTime(device.createdAt, now)}</td>
      <td>
        {revoked ? null : (
          <button type="button" className="button button--small button--danger" onClick={() => onRevoke(device)} data-testid="device-revoke">
            {t('revoke')}
          </button>
        )}
      </td>
    </tr>
  );
}

export function DevicesPanel() {
  const creation = useCommandIssuer();
  const revocation = useCommandIssuer();
  const devices = useQuery({ type: 'wallboard.devices' });
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ readonly name: string; readonly url: string | null } | null>(null);
  const [revoking, setRevoking] = useState<WallboardDevice | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const { reload } = devices;

  useEffect(() => {
    const timer = window.setInterval(reload, DEVICES_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const create = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length === 0) {
      setCreateError(t('giveTheScreenA'));
      return;
    }
    setCreating(true);
    setCreateError(null);
    void creation.send({ type: 'wallboard.device.create', name: trimmed }).then((result) => {
      setCreating(false);
      if (result.ok) {
        setCreated({ name: result.value.device.name, url: result.value.url });
        setName('');
        reload();
      } else setCreateError(result.error);
    });
  };

  const revoke = (): void => {
    if (revoking === null) return;
    setRevokeBusy(true);
    setRevokeError(null);
    void revocation.send({ type: 'wallboard.device.revoke', deviceId: revoking.deviceId }).then((result) => {
      setRevokeBusy(false);
      if (result.ok) {
        setRevoking(null);
        reload();
      } else setRevokeError(result.error);
    });
  };

  const now = Date.now();
  return (
    <section className="panel wb-section" aria-labelledby="devices-title" data-testid="devices-panel">
      <h2 id="devices-title" className="wb-section__title">
        {t('screensOnTheNetwork')}
      </h2>
      <LanPanel />
      <form className="wb-devices__create" onSubmit={create}>
        <label className="field">
          <span className="field__label">{t('newScreen')}</span>
          <input className="input" type="text" maxLength={80} placeholder={t('floor2Tv')} value={name} onChange={(event) => setName(event.target.value)} data-testid="device-name" />
        </label>
        <button type="submit" className="button button--primary" disabled={creating} data-testid="device-create">
          {creating ? t('creating') : t('createDeviceLink')}
        </button>
      </form>
      {createError === null ? null : (
        <p className="form-error" role="alert" data-testid="device-error">
          {createError}
        </p>
      )}
      {created === null ? null : (
        <div className="wb-devices__created" role="status" data-testid="device-created">
          <p>
            <strong>{created.name}</strong>:{' '}
            {created.url === null ? t('createdTurnOnNetwork') : t('openThisLinkOn')}
          </p>
          {created.url === null ? null : (
            <div className="wb-devices__url">
              <input className="input wb-devices__url-text" type="text" readOnly value={created.url} onFocus={(event) => event.target.select()} aria-label={t('deviceLink')} data-testid="device-url" />
              <CopyButton text={created.url} />
            </div>
          )}
          <button type="button" className="button button--small" onClick={() => setCreated(null)}>
            {t('done')}
          </button>
        </div>
      )}
      {devices.status === 'loading' ? (
        <p className="wb-section__empty" role="status">
          {t('loadingDevices')}
        </p>
      ) : devices.status === 'error' ? (
        <p className="form-error" role="alert">
          {t('devicesCannotBeListed')}{devices.error}
        </p>
      ) : devices.value.length === 0 ? (
        <p className="wb-section__empty">{t('noScreensYetCreate')}</p>
      ) : (
        <table className="wb-table" data-testid="devices-table">
          <thead>
            <tr>
              <th scope="col">{t('screen')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">{t('lastSeen')}</th>
              <th scope="col">{t('address')}</th>
              <th scope="col">{t('created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.value.map((device) => (
              <DeviceRow key={device.deviceId} device={device} now={now} onRevoke={setRevoking} />
            ))}
          </tbody>
        </table>
      )}
      {revoking === null ? null : (
        <ConfirmDialog
          title={t('revokeName', { name: revoking.name })}
          confirmLabel={t('revoke')}
          tone="danger"
          testId="confirm-dialog"
          partTestIds={WALLBOARD_CONFIRM_PARTS}
          busy={revokeBusy}
          error={revokeError}
          onConfirm={revoke}
          onCancel={() => {
            setRevoking(null);
            setRevokeError(null);
          }}
        >
          <p>{t('theScreenIsDisconnected')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
