/**
 * Guard: the renderer's views do not import each other's folders. A view (src-renderer/views/A)
 * may use the shared parts of the renderer (components, format, hooks, store, client, shell) and
 * its own folder, never another view's folder: what two views share belongs in a shared folder,
 * so that a view can be changed or removed without reading the others. The shared folders in turn
 * never import a view or the shell, so they stay shared.
 */
import { describe, expect, it } from 'vitest';
import { importGraph } from './source-tree.js';

const VIEWS = 'src-renderer/views/';

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
    expect(
      crossView,
      "A view imports another view's folder. Move the shared piece to a shared folder (src-renderer/components for UI parts, " +
        'src-renderer/format for formatting, src-renderer/hooks for hooks) and import it from there:\n' +
        crossView.map((edge) => `  ${edge}`).join('\n'),
    ).toEqual([]);
  });

  it('keeps the shared folders (components, hooks, format, store) free of views and the shell', () => {
    const shared = ['components/', 'hooks/', 'format/', 'store/'].map((folder) => `src-renderer/${folder}`);
    const inward = [...graph]
      .filter(([file]) => shared.some((folder) => file.startsWith(folder)))
      .flatMap(([file, targets]) => targets.filter((target) => target.startsWith(VIEWS) || target.startsWith('src-renderer/shell/')).map((target) => `${file} -> ${target}`));
    expect(inward, 'A shared renderer folder imports a view or the shell; move what it needs into the shared folder instead:\n' + inward.join('\n')).toEqual([]);
  });
});
