/**
 * Text from the file is never interpreted as HTML or code: no source file (tests aside) may use
 * the APIs that would do it, and ESLint must keep it that way. The browser side is checked in
 * e2e/security.spec.ts with `<img src=x onerror=alert(1)>` in every text column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));

const FORBIDDEN: [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['innerHTML / outerHTML assignment', /\b(inner|outer)HTML\s*\+?=/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write(ln)?\s*\(/],
  ['eval(', /\beval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
  ['a string to setTimeout/setInterval', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ['srcdoc', /srcdoc/i],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('no HTML or code from strings in src/', () => {
  const files = sourceFiles(SRC);

  it('finds the sources (so the check below is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => relative(SRC, f))).toEqual(
      expect.arrayContaining(['core/pipeline.ts', 'app/ErrorBanner.tsx', 'charts/escape.ts']),
    );
  });

  it.each(FORBIDDEN)('no %s', (_, pattern) => {
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(SRC, file)}:${i + 1}` }))
        .filter(({ line }) => pattern.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    const caught = (text: string) => FORBIDDEN.some(([, p]) => p.test(text));
    for (const bad of [
      'el.innerHTML = name',
      'el.outerHTML += x',
      '<div dangerouslySetInnerHTML={{ __html: x }} />',
      'eval(code)',
      'window.eval (code)',
      'const f = new Function("a", body)',
      "setTimeout('alert(1)', 0)",
    ])
      expect(caught(bad), bad).toBe(true);
    for (const fine of [
      'retrieval(x)',
      'evaluate(x)',
      'el.textContent = name',
      'new FunctionCall()',
    ])
      expect(caught(fine), fine).toBe(false);
  });

  it('ESLint forbids eval, implied eval and new Function', async () => {
    const config = (await import(pathToFileURL(join(SRC, '..', 'eslint.config.js')).href)) as {
      default: { rules?: Record<string, unknown> }[];
    };
    const rules = Object.assign({}, ...config.default.map((c) => c.rules ?? {}));
    for (const rule of ['no-eval', 'no-implied-eval', 'no-new-func'])
      expect([rules[rule]].flat()[0], rule).toBe('error');
  });
});
