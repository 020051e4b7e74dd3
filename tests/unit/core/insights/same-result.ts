/**
 * Two answers of the insights engine compared for the property tests that read one figure two
 * ways (pre-summed rows against the facts or intervals they sum): the same result apart from its
 * rows and totals, the same rows in the same order, and each cell compared by `sameCell`.
 */
import { expect } from 'vitest';
import type { InsightResult } from '../../../../src-shared/api/insights.js';

type Cell = InsightResult['totals'][number];
/** Compares one cell; `index` is the cell's metric's place in the result. */
export type SameCell = (cell: Cell, other: Cell | undefined, index: number) => void;

/** Null equals only null; two numbers to `digits` decimal places. */
export function expectClose(left: number | null, right: number | null, digits: number): void {
  if (left === null || right === null) expect(left).toBe(right);
  else expect(left).toBeCloseTo(right, digits);
}

export function expectSameResult(actual: InsightResult, reference: InsightResult, sameCell: SameCell): void {
  const sameCells = (left: readonly Cell[], right: readonly Cell[]) => {
    expect(left.length).toBe(right.length);
    left.forEach((cell, index) => sameCell(cell, right[index], index));
  };
  expect({ ...actual, rows: [], totals: [], previousTotals: null }).toEqual({ ...reference, rows: [], totals: [], previousTotals: null });
  expect(actual.rows.map((row) => [row.key, row.label, row.splitKey, row.splitLabel])).toEqual(reference.rows.map((row) => [row.key, row.label, row.splitKey, row.splitLabel]));
  actual.rows.forEach((row, index) => sameCells(row.cells, reference.rows[index]?.cells ?? []));
  sameCells(actual.totals, reference.totals);
  if (actual.previousTotals !== null && reference.previousTotals !== null) sameCells(actual.previousTotals, reference.previousTotals);
  else expect(actual.previousTotals).toEqual(reference.previousTotals);
}
