/** The week ahead of a queue, as its hours make it, in its zone. */
import type { BusinessHours } from '../../../src-shared/protocol/events.js';

export interface WeekPreviewProps {
  readonly hours: BusinessHours;
  readonly timeZone: string;
  /** The preview shows the hours being edited, not yet saved. */
  readonly edited: boolean;
}

export function WeekPreview(_props: WeekPreviewProps) {
  return null;
}
