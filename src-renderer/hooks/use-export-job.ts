/**
 * One export the user starts and watches from a dialog, whatever it exports: start it, follow its
 * progress topic, cancel it, fetch the finished file in pieces (text, or base64 decoded piece by
 * piece) and save it. Each dialog gives its own commands and topic and keeps only its form.
 */
import { useCallback, useRef, useState } from 'react';
import type { Result } from '../../src-shared/result.js';
import type { SubscriptionInput } from '../../src-shared/api/contract.js';
import { decodeBase64, readExportFile, safeFileName, saveTextFile } from '../client/export-file.js';
import { useSubscription } from './use-api.js';
import { phaseAfterProgress, type ExportJobProgress, type ExportPhase } from './export-job-phase.js';

type ExportTopic = 'history.export' | 'insights.export';

/** A piece of a finished file: text, or base64 when the file is binary. */
export interface ExportPiece {
  readonly data: string;
  readonly encoding?: 'utf8' | 'base64';
  readonly nextOffset: number | null;
  readonly size: number;
}

/** What a kind of export tells the hook. */
export interface ExportJobPort<P extends ExportJobProgress> {
  readonly topic: ExportTopic;
  /** Starts the export (the dialog's own command). */
  start(): Promise<Result<P>>;
  cancel(exportId: string): Promise<Result<unknown>>;
  /** One piece of the finished file. */
  chunk(exportId: string, offset: number): Promise<Result<ExportPiece>>;
  /** The file's name when the core gives none, and its type. */
  fallbackName(progress: P): string;
  fallbackMimeType(progress: P): string;
  /** Said when a failed export gives no reason. */
  readonly failedText: string;
}

export interface ExportJob<P extends ExportJobProgress> {
  readonly phase: ExportPhase<P>;
  /** Why following the progress failed, if it did. */
  readonly watchError: string | null;
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** Cancels a running export (nothing keeps working for a dialog nobody sees). */
  stop(): void;
}

export function useExportJob<P extends ExportJobProgress>(port: ExportJobPort<P>): ExportJob<P> {
  const [phase, setPhase] = useState<ExportPhase<P>>({ step: 'choose' });
  const savingStarted = useRef<string | null>(null);
  const latest = useRef(port);
  latest.current = port;

  const save = useCallback(async (progress: P): Promise<void> => {
    if (savingStarted.current === progress.exportId) return;
    savingStarted.current = progress.exportId;
    setPhase({ step: 'saving', progress, received: 0 });
    let binary = false;
    const parts = await readExportFile(
      async (offset) => {
        const piece = await latest.current.chunk(progress.exportId, offset);
        if (piece.ok) binary = piece.value.encoding === 'base64';
        return piece;
      },
      (received) => setPhase((current) => (current.step === 'saving' ? { ...current, received } : current)),
    );
    if (!parts.ok) {
      setPhase({ step: 'failed', error: parts.error });
      return;
    }
    const fallback = latest.current.fallbackName(progress);
    const body = binary ? parts.value.map(decodeBase64) : parts.value;
    saveTextFile(body, safeFileName(progress.fileName ?? fallback, fallback), progress.mimeType ?? latest.current.fallbackMimeType(progress));
    setPhase({ step: 'saved', progress });
  }, []);

  const receive = useCallback(
    (progress: P): void => {
      if (progress.state === 'done') void save(progress);
      else setPhase((current) => phaseAfterProgress(current, progress, latest.current.failedText));
    },
    [save],
  );

  const exportId = phase.step === 'running' ? phase.progress.exportId : null;
  const subscription = exportId === null ? null : ({ topic: port.topic, exportId } as Extract<SubscriptionInput, { topic: ExportTopic }>);
  const watchError = useSubscription<ExportTopic>(subscription, receive as (message: unknown) => void);

  const start = async (): Promise<void> => {
    setPhase({ step: 'starting' });
    const result = await latest.current.start();
    if (!result.ok) {
      setPhase({ step: 'failed', error: result.error });
      return;
    }
    setPhase({ step: 'running', progress: result.value });
    receive(result.value);
  };

  const cancel = async (): Promise<void> => {
    if (phase.step !== 'running') return;
    const result = await latest.current.cancel(phase.progress.exportId);
    setPhase(result.ok ? { step: 'cancelled' } : { step: 'failed', error: result.error });
  };

  return { phase, watchError, start, cancel, stop: () => void cancel() };
}
