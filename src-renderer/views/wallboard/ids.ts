/** Ids made in the browser for new boards and tiles. */
import { shortId } from '../../ids/random-id.js';

/** A short random id with a prefix ("tile-3f9a0c2e1b7d"); works on plain-http pages too. */
export function newId(prefix: string): string {
  return shortId(prefix);
}
