/**
 * Guard: the renderer's views do not import each other's folders. A view (src-renderer/views/A)
 * may use the shared parts of the renderer (components, format, hooks, store, client, shell) and
 * its own folder, never another view's folder: what two views share belongs in a shared folder,
 * so that a view can be changed or removed without reading the others.
 */
import { describe, expect, it } from 'vitest';
import { importGraph } from './source-tree.js';

const VIEWS = 'src-renderer/views/';

/** Cross-view imports that exist today, left out until the shared piece moves. Do not add to this list. */
const ALLOWED_CROSS_VIEW_IMPORTS: readonly string[] = [
  // split in progress: command feedback, the command hook, the modal dialog and queue choices move to shared folders.
  'src-renderer/views/live-overview/customize-dialog.tsx -> src-renderer/views/queue-actions/action-feedback.tsx',
  'src-renderer/views/live-overview/customize-dialog.tsx -> src-renderer/views/queue-actions/use-command.ts',
  'src-renderer/views/live-overview/live-overview.tsx -> src-renderer/views/queue-actions/action-feedback.tsx',
  'src-renderer/views/live-overview/use-layout.ts -> src-renderer/views/queue-actions/use-command.ts',
  'src-renderer/views/queue-actions/bulk-dialogs.tsx -> src-renderer/views/live-overview/customize-model.ts',
  'src-renderer/views/queue-actions/bulk-dialogs.tsx -> src-renderer/views/live-overview/modal-dialog.tsx',
  'src-renderer/views/queue-actions/mitigation-dialog.tsx -> src-renderer/views/live-overview/modal-dialog.tsx',
  'src-renderer/views/queue-actions/overflow-dialog.tsx -> src-renderer/views/live-overview/customize-model.ts',
  'src-renderer/views/queue-actions/overflow-dialog.tsx -> src-renderer/views/live-overview/modal-dialog.tsx',
  'src-renderer/views/queue-actions/queue-actions.tsx -> src-renderer/views/live-overview/use-queue-choices.ts',
  'src-renderer/views/queue-actions/thresholds-dialog.tsx -> src-renderer/views/live-overview/modal-dialog.tsx',
  'src-renderer/views/queue-detail/queue-detail-view.tsx -> src-renderer/views/queue-actions/queue-actions.tsx',
];

/** The view folder a renderer file belongs to, or undefined outside src-renderer/views/<view>/. */
function viewOf(file: string): string | undefined {
  if (!file.startsWith(VIEWS)) return undefined;
  const rest = file.slice(VIEWS.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? undefined : rest.slice(0, slash);
}

describe('view boundaries', () => {
  const graph = importGraph(['src-renderer']);
  const crossView: string[] = [];
  for (const [file, targets] of graph) {
    const from = viewOf(file);
    if (from === undefined) continue;
    for (const target of targets) {
      const to = viewOf(target);
      if (to !== undefined && to !== from) crossView.push(`${file} -> ${target}`);
    }
  }

  it('finds the views', () => {
    expect(new Set([...graph.keys()].map(viewOf).filter((view) => view !== undefined)).size).toBeGreaterThan(3);
  });

  it("keeps each view out of the other views' folders", () => {
    const allowed = new Set(ALLOWED_CROSS_VIEW_IMPORTS);
    const violations = crossView.filter((edge) => !allowed.has(edge));
    expect(
      violations,
      "A view imports another view's folder. Move the shared piece to a shared folder (src-renderer/components for UI parts, " +
        'src-renderer/format for formatting, src-renderer/hooks for hooks) and import it from there:\n' +
        violations.map((edge) => `  ${edge}`).join('\n'),
    ).toEqual([]);
  });

  it('allows only cross-view imports that still exist', () => {
    const present = new Set(crossView);
    const stale = ALLOWED_CROSS_VIEW_IMPORTS.filter((edge) => !present.has(edge));
    expect(stale, 'These imports are gone: remove them from ALLOWED_CROSS_VIEW_IMPORTS in tests/unit/structure/view-boundaries.test.ts.').toEqual([]);
  });
});
