import { describe, expect, it } from 'vitest';
import { escapeForPlotly } from './escape.ts';

describe('escapeForPlotly', () => {
  it('turns markup characters into entities', () => {
    expect(escapeForPlotly(`<a href="x">O'Neil & Co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Co&lt;/a&gt;',
    );
  });

  it('escapes an ampersand once, so an entity in the data stays visible as typed', () => {
    expect(escapeForPlotly('&lt;')).toBe('&amp;lt;');
  });

  it('leaves plain text, including non-ASCII, unchanged', () => {
    expect(escapeForPlotly('17850 Zürich 東京')).toBe('17850 Zürich 東京');
    expect(escapeForPlotly('')).toBe('');
  });
});
