/**
 * Floor replay (docs/decisions/0025-floor-replay.md): the overview as it was at a past moment of
 * the local log, under a band nobody can take for live. The replay clock runs here and asks the
 * core for frames; the core answers from the local cache, so replay works with the feed down.
 * Escape, or "Back to live", returns to the live overview.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { REPLAY_SPEEDS, replayClockAt, type ReplayClock, type ReplayFrame, type ReplayRange } from '../../../src-shared/api/replay.js';
import { useClient } from '../../hooks/client-context.js';
import { navigate } from '../../shell/router.js';
import { controlClock, formatReplayMoment, formatReplayTime, openingClock, replayKeyAction, type KeyTarget, type ReplayControl } from './replay-model.js';
import { ReplayQueue } from './replay-queue.js';
import { ReplayTile } from './replay-tile.js';
import { useLatestAnswer } from './use-latest-answer.js';
import { useT } from '../../i18n/translate.js';

const t = useT('replay');

/** How often a playing replay asks for the next frame (wall time). */
const PLAY_TICK_MS = 250;

function backToLive(): void {
  navigate({ view: 'overview' });
}

/** Frames for instants, the latest asked for. */
function useFrames(): { readonly frame: ReplayFrame | null; readonly error: string | null; request(at: number): void; show(frame: ReplayFrame): void } {
  const client = useClient();
  const ask = useCallback((at: number) => client.query({ type: 'replay.frame', at }), [client]);
  const { value, error, request, show } = useLatestAnswer(ask);
  return { frame: value, error, request, show };
}

/** What kind of control a key went to, for replayKeyAction. */
function keyTarget(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target instanceof HTMLInputElement) return target.type === 'range' ? 'range' : 'text';
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable) return 'text';
  return target instanceof HTMLButtonElement ? 'button' : 'other';
}

function ReplayBand({ at, frame, playing }: { readonly at: number; readonly frame: ReplayFrame | null; readonly playing: boolean }) {
  const time = formatReplayTime(at);
  return (
    <div className="replay-band" role="region" aria-label={t('replayModeNotLive')} data-testid="replay-band">
      <span className="replay-band__label">{t('replay')}</span>
      <time className="replay-band__time" dateTime={new Date(at).toISOString()} data-testid="replay-time">
        {time}
      </time>
      <span className="replay-band__note">
        {t('notLiveTheFloor')}{frame?.eventType ? t('afterEventtype', { eventType: frame.eventType }) : ''}
      </span>
      {/* Spoken when the replay stands still; a playing clock would talk over everything. */}
      <span className="visually-hidden" role="status" aria-live="polite">
        {playing ? t('replayPlayingNotLive') : t('replayModeNotLive2', { time })}
      </span>
      <button type="button" className="button replay-band__live" onClick={backToLive} data-testid="replay-back-to-live" aria-keyshortcuts="Escape">
        {t('backToLive')}<kbd>{t('esc')}</kbd>
      </button>
    </div>
  );
}

function ReplayControls({ range, clock, at, frame, onControl, onStep }: { readonly range: ReplayRange; readonly clock: ReplayClock; readonly at: number; readonly frame: ReplayFrame | null; readonly onControl: (control: ReplayControl) => void; readonly onStep: (direction: 'forward' | 'back') => void }) {
  return (
    <div className="replay-controls" role="toolbar" aria-label={t('replayControls')}>
      <button type="button" className="button" onClick={() => onStep('back')} disabled={frame === null} data-testid="replay-step-back" title={t('oneEventBack')} aria-keyshortcuts="ArrowLeft">
        {t('step')}
      </button>
      <button type="button" className="button button--primary" onClick={() => onControl({ kind: clock.playing ? 'pause' : 'play' })} data-testid="replay-play" aria-pressed={clock.playing} aria-keyshortcuts="Space" title={t('playOrPauseSpace')}>
        {clock.playing ? t('pause') : t('play')}
      </button>
      <button type="button" className="button" onClick={() => onStep('forward')} disabled={frame === null} data-testid="replay-step-forward" title={t('oneEventForward')} aria-keyshortcuts="ArrowRight">
        {t('step2')}
      </button>
      <span className="replay-controls__speeds" role="group" aria-label={t('speed')}>
        {REPLAY_SPEEDS.map((speed) => (
          <button key={speed} type="button" className="button" aria-pressed={clock.speed === speed} onClick={() => onControl({ kind: 'speed', speed })} data-testid={`replay-speed-${speed}`}>
            {speed}×
          </button>
        ))}
      </span>
      <label className="replay-controls__scrubber">
        <span className="visually-hidden">{t('replayedMoment')}</span>
        <span aria-hidden="true">{formatReplayMoment(range.from)}</span>
        <input
          type="range"
          min={range.from}
          max={range.to}
          step={1000}
          // Paused, the clock is the moment: `at` follows it one render later, and an input's second
          // event (a change after an input) would read that stale value back and seek to it.
          value={clock.playing ? at : clock.at}
          aria-valuetext={formatReplayMoment(at)}
          onChange={(event) => onControl({ kind: 'seek', at: Number(event.target.value) })}
          data-testid="replay-scrubber"
        />
        <span aria-hidden="true">{formatReplayMoment(range.to)}</span>
      </label>
    </div>
  );
}

/** The replay page: range, band, controls, and the tiles of the replayed moment. */
export function ReplayView() {
  const client = useClient();
  const [range, setRange] = useState<ReplayRange | null>(null);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [clock, setClock] = useState<ReplayClock | null>(null);
  const [at, setAt] = useState<number | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  const [queueId, setQueueId] = useState<string | null>(null);
  const frames = useFrames();
  // The frame a step answered already stands at its instant: asking for the instant again would
  // jump past events that share its timestamp.
  const steppedAt = useRef<number | null>(null);

  useEffect(() => {
    let current = true;
    void client.query({ type: 'replay.range' }).then((result) => {
      if (!current) return;
      if (!result.ok) return setRangeError(result.error);
      setRange(result.value);
      setClock(openingClock(result.value, Date.now()));
    });
    return () => {
      current = false;
    };
  }, [client]);


  const { request } = frames;
  useEffect(() => {
    if (clock === null || range === null) return undefined;
    if (!clock.playing) {
      setAt(clock.at);
      if (steppedAt.current !== clock.at) request(clock.at);
      steppedAt.current = null;
      return undefined;
    }
    const tick = (): void => {
      const now = replayClockAt(clock, Date.now(), range.to);
      setAt(now);
      request(now);
      if (now >= range.to) setClock(controlClock(clock, { kind: 'pause' }, range, Date.now()));
    };
    tick();
    const timer = setInterval(tick, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [clock, range, request]);

  const onControl = useCallback(
    (control: ReplayControl) => {
      setStepError(null);
      if (range !== null) setClock((previous) => (previous === null ? previous : controlClock(previous, control, range, Date.now())));
    },
    [range],
  );

  const { frame, show } = frames;
  const onStep = useCallback(
    (direction: 'forward' | 'back') => {
      if (frame === null || range === null) return;
      void client.query({ type: 'replay.step', epoch: frame.epoch, seq: frame.seq, direction }).then((result) => {
        if (!result.ok) return setStepError(result.error);
        setStepError(null);
        show(result.value);
        steppedAt.current = result.value.at;
        setClock((previous) => (previous === null ? previous : controlClock(previous, { kind: 'stepped', at: result.value.at }, range, Date.now())));
      });
    },
    [client, frame, range, show],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || document.querySelector('dialog[open]') !== null) return;
      const action = replayKeyAction(event.key, keyTarget(event.target));
      if (action === null) return;
      event.preventDefault();
      if (action === 'live') backToLive();
      else if (action === 'toggle-play') onControl({ kind: clock?.playing === true ? 'pause' : 'play' });
      else onStep(action === 'step-back' ? 'back' : 'forward');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clock, onControl, onStep]);

  const error = rangeError ?? stepError ?? frames.error;
  return (
    <section className="replay" data-testid="replay" data-at={frame?.at} data-seq={frame?.seq} aria-labelledby="replay-title">
      <h1 id="replay-title" className="visually-hidden">
        {t('floorReplay')}
      </h1>
      <ReplayBand at={at ?? range?.to ?? 0} frame={frame} playing={clock?.playing ?? false} />
      {range !== null && clock !== null && at !== null ? <ReplayControls range={range} clock={clock} at={at} frame={frame} onControl={onControl} onStep={onStep} /> : null}
      {error === null ? null : (
        <p className="replay__error" role="alert" data-testid="replay-error">
          {error}
        </p>
      )}
      {queueId === null || at === null ? null : <ReplayQueue key={queueId} at={frame?.at ?? at} queueId={queueId} onClose={() => setQueueId(null)} />}
      {frame === null || queueId !== null ? null : (
        <div className="queue-grid">
          {frame.tiles.map((tile) => (
            <ReplayTile key={tile.queueId} tile={tile} onOpen={setQueueId} />
          ))}
        </div>
      )}
    </section>
  );
}
