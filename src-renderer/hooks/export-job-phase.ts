/**
 * The phases of an export the user watches, the same for every kind (conversations, dashboards):
 * choose → starting → running → saving → saved, or cancelled / failed. Pure: the hook
 * (use-export-job.ts) applies these steps to React state.
 */

/** What every export's progress message says (history.export, insights.export). */
export interface ExportJobProgress {
  readonly exportId: string;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly fileName: string | null;
  readonly mimeType: string | null;
  readonly error: string | null;
}

export type ExportPhase<P extends ExportJobProgress> =
  | { readonly step: 'choose' }
  | { readonly step: 'starting' }
  | { readonly step: 'running'; readonly progress: P }
  | { readonly step: 'saving'; readonly progress: P; readonly received: number }
  | { readonly step: 'saved'; readonly progress: P }
  | { readonly step: 'cancelled' }
  | { readonly step: 'failed'; readonly error: string };

/** The phase after a progress message: running stays running (a late message never undoes a later phase); done is left to the saving step. */
export function phaseAfterProgress<P extends ExportJobProgress>(current: ExportPhase<P>, progress: P, failedText: string): ExportPhase<P> {
  switch (progress.state) {
    case 'running':
      return current.step === 'starting' || current.step === 'running' ? { step: 'running', progress } : current;
    case 'cancelled':
      return current.step === 'saving' || current.step === 'saved' ? current : { step: 'cancelled' };
    case 'failed':
      return { step: 'failed', error: progress.error ?? failedText };
    case 'done':
      return current;
  }
}

/** The progress the phase shows, if any. */
export function phaseProgress<P extends ExportJobProgress>(phase: ExportPhase<P>): P | null {
  return phase.step === 'running' || phase.step === 'saving' || phase.step === 'saved' ? phase.progress : null;
}

/** Percent of the bar: the job's own share while running, full once the file is being saved. */
export function phasePercent<P extends ExportJobProgress>(phase: ExportPhase<P>, share: (progress: P) => number): number {
  if (phase.step === 'saving' || phase.step === 'saved') return 100;
  return phase.step === 'running' ? share(phase.progress) : 0;
}

/** A whole percentage of done out of total, 0–100 (100 when there was nothing to do and something is done). */
export function exportPercent(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}
