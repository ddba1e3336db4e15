import { describe, expect, it } from 'vitest';
import type { CohortRetention } from '../../core/cohort/cohort.ts';
import { cohortHeatmap, cohortLabel, lastMonthIsPartial, retentionText } from './cohort-chart.ts';

// Three cohort months; the middle one has no customers (a gap in the triangle).
const cohort: CohortRetention = {
  cohorts: ['2010-12', '2011-01', '2011-02'],
  sizes: [8, 0, 3],
  retention: [[1, 0.375, 0.125], [null, null], [1]],
  active: [[8, 3, 1], [0, 0], [3]],
};

interface Heatmap {
  x: number[];
  y: string[];
  z: (number | null)[][];
  text: string[][];
  customdata: number[][][];
  zmax: number;
}
const heatmap = () => cohortHeatmap(cohort).data[0] as unknown as Heatmap;

describe('cohortHeatmap', () => {
  it('has one row per cohort, oldest first, and one column per month since the first purchase', () => {
    const h = heatmap();
    expect(h.x).toEqual([0, 1, 2]);
    expect(h.y).toEqual(['Dec 2010 (8)', 'Jan 2011 (0)', 'Feb 2011 (3)']);
    expect(cohortHeatmap(cohort).layout.yaxis?.autorange).toBe('reversed');
  });

  it('colours exactly the retention shares, with absent cells null', () => {
    expect(heatmap().z).toEqual([
      [1, 0.375, 0.125],
      [null, null, null],
      [1, null, null],
    ]);
  });

  it('labels each cell with its rounded percentage and leaves empty cells blank', () => {
    expect(heatmap().text).toEqual([
      ['100%', '38%', '13%'],
      ['', '', ''],
      ['100%', '', ''],
    ]);
  });

  it('carries cohort size and active customers for the hover', () => {
    const h = heatmap();
    expect(h.customdata[0]).toEqual([
      [8, 8],
      [8, 3],
      [8, 1],
    ]);
    expect(h.customdata[2]?.[0]).toEqual([3, 3]);
  });

  it('tops the colour range at the best retention after month 0', () => {
    expect(heatmap().zmax).toBe(0.375);
  });
});

describe('labels', () => {
  it('formats cohort months and percentages', () => {
    expect(cohortLabel('2011-09')).toBe('Sep 2011');
    expect(cohortLabel('odd')).toBe('odd');
    expect(retentionText(0.2349)).toBe('23%');
    expect(retentionText(null)).toBe('');
    expect(retentionText(undefined)).toBe('');
  });
});

describe('a partial last month', () => {
  it('is one the data stop before the end of', () => {
    // The UCI file ends on 9 December 2011 at 12:50.
    expect(lastMonthIsPartial(Date.UTC(2011, 11, 9, 12, 50))).toBe(true);
    expect(lastMonthIsPartial(Date.UTC(2011, 11, 31, 23, 59))).toBe(false);
    expect(lastMonthIsPartial(Date.UTC(2012, 1, 28, 10))).toBe(true); // 2012 is a leap year
    expect(lastMonthIsPartial(Date.UTC(2011, 1, 28, 10))).toBe(false);
  });

  it("marks the last cell of each row (the data's last month) with a star, and only then", () => {
    const marked = cohortHeatmap(cohort, true).data[0] as unknown as Heatmap;
    expect(marked.text).toEqual([
      ['100%', '38%', '13%*'],
      ['', '', ''],
      ['100%*', '', ''],
    ]);
    expect(heatmap().text[0]).toEqual(['100%', '38%', '13%']);
  });
});
