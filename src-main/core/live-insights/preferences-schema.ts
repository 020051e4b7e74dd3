/** Tables for personal layouts, queue groups and threshold overrides (versions 30–39). */
import type { Migration } from '../store/migrations.js';

export const PREFERENCES_MIGRATIONS: readonly Migration[] = [];
