/**
 * What a figure is made of: the actual numbers behind one metric of a queue or group at one floor
 * moment, and the conversations or agents they count. The UI asks for it when someone opens a
 * figure (the `live.explain` query), so the live path never carries it.
 */
import type { MetricId } from './dictionary.js';

/**
 * How the figure follows from its terms: a count or a maximum is the numerator itself; a mean is
 * the numerator (a sum in seconds) over the denominator; a percent is 100 × part / whole; a ratio
 * is part / whole.
 */
export type ExplanationKind = 'count' | 'max' | 'mean' | 'percent' | 'ratio';

/** One number of an explanation, with the words that say what it counts. */
export interface ExplanationTerm {
  readonly label: string;
  readonly value: number;
}

/** Conversations or agents behind a figure are listed up to this many; `total` says how many there are. */
export const MAX_EXPLAINED_IDS = 200;

/**
 * Where the things a figure counts can be seen: conversations (waiting or held now) or agents of
 * the live floor, or, for "since midnight" figures, the finished conversations of the day, which
 * only the Conversation Manager (history) holds.
 */
export type ExplanationBehind =
  | { readonly kind: 'conversations'; readonly ids: readonly string[]; readonly total: number }
  | { readonly kind: 'agents'; readonly ids: readonly string[]; readonly total: number }
  | { readonly kind: 'history'; readonly from: number; readonly until: number };

/** How a figure is made from its inputs: the part every explanation shares, of a queue's figure or an agent's. */
export interface ExplanationTerms {
  readonly kind: ExplanationKind;
  readonly numerator: ExplanationTerm;
  /** What the numerator is divided by; null for a count or a maximum. */
  readonly denominator: ExplanationTerm | null;
  /** What the definition leaves out, and how many it left out this time. */
  readonly exclusions: readonly ExplanationTerm[];
  /** The inputs in one sentence, e.g. "4 answered within 60 s of 6 eligible; 1 abandon under 5 s excluded". */
  readonly summary: string;
  readonly behind: ExplanationBehind;
}

export interface MetricExplanation extends ExplanationTerms {
  readonly metricId: MetricId;
  /** The queues the figure covers (one, or a group's members in the asker's scope). */
  readonly queueIds: readonly string[];
  /** The floor moment explained: the last event's seq and the floor time the figure was computed at. */
  readonly asOfSeq: number;
  readonly asOfTime: number;
  /** The figure at asOfTime, exactly as the tiles and panels compute it; null when it has no inputs. */
  readonly value: number | null;
}

/**
 * The figure recomputed from an explanation's terms alone, so a reader (or a test) can check that
 * the inputs shown really make the number shown.
 */
export function valueFromTerms(explanation: Pick<MetricExplanation, 'kind' | 'numerator' | 'denominator'>): number | null {
  const part = explanation.numerator.value;
  const whole = explanation.denominator?.value ?? null;
  switch (explanation.kind) {
    case 'count':
    case 'max':
      return part;
    case 'mean':
    case 'ratio':
      return whole !== null && whole > 0 ? part / whole : null;
    case 'percent':
      return whole !== null && whole > 0 ? (100 * part) / whole : null;
  }
}
