/**
 * The export folders' housekeeping, one rule for every kind of export (conversations, dashboards):
 * files older than a day and leftovers of interrupted exports go; files of running exports stay.
 */
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Deletes the folder's files last changed before `cutoff` and every `.partial` file not in `active`; returns how many went. */
export function deleteOldExportFiles(directory: string, cutoff: number, active: ReadonlySet<string>): number {
  if (!existsSync(directory)) return 0;
  let deleted = 0;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (active.has(path)) continue;
    try {
      if (statSync(path).mtimeMs < cutoff || name.endsWith('.partial')) {
        unlinkSync(path);
        deleted += 1;
      }
    } catch {
      // Gone already, or not ours to delete: nothing to do.
    }
  }
  return deleted;
}
