/**
 * Guard: no import circle in the application's source. A circle means two modules cannot be
 * understood, tested or loaded one without the other; it also makes module initialisation order
 * depend on who is imported first. Every relative import of src-shared, src-main and src-renderer
 * counts, type-only imports included (they still tie the files' meanings together).
 */
import { describe, expect, it } from 'vitest';
import { importGraph } from './source-tree.js';

const FOLDERS = ['src-shared', 'src-main', 'src-renderer'];

/**
 * Imports that close a circle known today, left out of the check until the code is reshaped.
 * Each entry is "importer -> imported". Do not add to this list: break the circle instead.
 */
const ALLOWED_CIRCLE_EDGES: readonly string[] = [];

/** Strongly connected components with a circle in them (two or more files, or a file importing itself). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan: the source tree is deep enough that recursion is not worth the risk.
  for (const root of graph.keys()) {
    if (order.has(root)) continue;
    const work: { file: string; next: number }[] = [{ file: root, next: 0 }];
    order.set(root, counter);
    lowest.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { file: string; next: number };
      const targets = graph.get(frame.file) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next] as string;
        frame.next += 1;
        if (!order.has(target)) {
          order.set(target, counter);
          lowest.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, next: 0 });
        } else if (onStack.has(target)) {
          lowest.set(frame.file, Math.min(lowest.get(frame.file) as number, order.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowest.set(parent.file, Math.min(lowest.get(parent.file) as number, lowest.get(frame.file) as number));
      if (lowest.get(frame.file) === order.get(frame.file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.file);
        if (component.length > 1 || targets.includes(frame.file)) found.push(component.sort());
      }
    }
  }
  return found;
}

/** One concrete circle through the component's first file, as the chain of imports a reader can follow. */
function oneCircle(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const target of graph.get(file) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start];
}

function withoutEdges(graph: ReadonlyMap<string, readonly string[]>, edges: readonly string[]): Map<string, string[]> {
  const removed = new Set(edges);
  return new Map([...graph].map(([file, targets]) => [file, targets.filter((target) => !removed.has(`${file} -> ${target}`))]));
}

describe('import circles', () => {
  const graph = importGraph(FOLDERS);

  it('finds the source files and their imports', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src-main/sim/floor.ts')).toContain('src-main/sim/floor/model.ts');
  });

  it('has no import circle in src-shared, src-main or src-renderer', () => {
    const found = circles(withoutEdges(graph, ALLOWED_CIRCLE_EDGES)).map((component) => oneCircle(graph, component).join('\n  → '));
    expect(
      found,
      'These files import each other in a circle. Break it: move what both need into a module that imports neither ' +
        '(types into a shared types file, or register the dependency from the composition root), then re-run this test.\n' +
        found.map((chain) => `  ${chain}`).join('\n\n'),
    ).toEqual([]);
  });

  it('allows only circle edges that still exist and still close a circle', () => {
    const inCircle = new Set<string>();
    for (const component of circles(graph)) {
      const members = new Set(component);
      for (const file of component) for (const target of graph.get(file) ?? []) if (members.has(target)) inCircle.add(`${file} -> ${target}`);
    }
    const stale = ALLOWED_CIRCLE_EDGES.filter((edge) => !inCircle.has(edge));
    expect(stale, `No longer part of an import circle: remove these from ALLOWED_CIRCLE_EDGES in ${'tests/unit/structure/import-cycles.test.ts'}.`).toEqual([]);
  });
});
