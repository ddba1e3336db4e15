/**
 * summaryJson (the CLI's summary.json): each field under its SPEC name, read from the analysis it
 * summarises; with no feasible k the suggested k is 1.
 */
import { describe, expect, it } from 'vitest';
import { smallFile } from './session/small.testing.ts';
import { summaryJson } from './summary.ts';
import { analyzeText, lines } from './testing/fixtures.ts';

describe('summaryJson', () => {
  it('names every part of the analysis as SPEC does', async () => {
    const { data, clustering, segmentation, warnings } = await analyzeText(smallFile(), {
      name: 'shop.csv',
      kMax: 4,
      restarts: 2,
      k: 3,
    });
    const extra = [{ code: 'note', message: 'a warning passed through' }];
    const json = summaryJson(data, clustering, segmentation, [...warnings, ...extra]);
    const { rules_applied: _rules, ...cleaning } = data.cleaned.report;
    expect(json).toEqual({
      input: 'shop.csv',
      file: {
        encoding: 'utf-8',
        delimiter: ',',
        date_format: data.tx.dateFormat,
        money: 'quantityTimesPrice',
        columns: {
          invoice: 'InvoiceNo',
          product: 'StockCode',
          quantity: 'Quantity',
          date: 'InvoiceDate',
          unitPrice: 'UnitPrice',
          customer: 'CustomerID',
          country: 'Country',
        },
      },
      cleaning,
      customers: 24,
      // The latest day is 1 + max((11c + 37o) mod 340) = 328: 24 November.
      snapshot: '2011-11-25 10:00:00',
      date_min: '2011-01-01 10:00:00',
      date_max: '2011-11-24 10:00:00',
      features: 'rfm',
      transform: 'log1p',
      scaling: 'standard',
      seed: 42,
      restarts: 2,
      scaler_center: Array.from(clustering.scaler.center),
      scaler_scale: Array.from(clustering.scaler.scale),
      sweep: clustering.sweep.points,
      suggested_k: clustering.sweep.suggestedK,
      k: 3,
      segments: segmentation.segments,
      cohort: data.cohort,
      warnings: [...warnings, ...extra],
    });
    expect(json.cleaning.share_kept).toBe(1);
    expect(json.sweep.map((p) => p.k)).toEqual([2, 3, 4]);
    expect('rules_applied' in json.cleaning).toBe(false);
  });

  it('with no feasible k, the suggested k is 1', async () => {
    const one = lines(
      'InvoiceNo,InvoiceDate,UnitPrice,Quantity,CustomerID',
      '1,2011-01-01 10:00,5,1,A',
      '2,2011-01-02 10:00,5,1,B',
    );
    const { data, clustering, segmentation, warnings } = await analyzeText(one);
    const json = summaryJson(data, clustering, segmentation, warnings);
    expect(json.sweep).toEqual([]);
    expect(json.suggested_k).toBe(1);
    expect(json.k).toBe(1);
  });
});
