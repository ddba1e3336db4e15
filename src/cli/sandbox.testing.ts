/**
 * The CLI tests run `main(argv)` in-process: each file needs a temporary folder for its inputs and
 * outputs, and what the CLI writes to stderr and stdout, caught per test so progress lines do not
 * fill the test log and error messages can be checked. Call `cliSandbox` once at the top of a test
 * file: it registers the hooks that make the folder, catch the output and clean up.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';

export interface CliSandbox {
  /** The temporary folder; set from the file's first beforeAll to its afterAll. */
  readonly dir: string;
  /** A path inside the folder. */
  path: (...parts: string[]) => string;
  /** Writes a file into the folder and returns its path. */
  write: (name: string, content: string | Uint8Array) => string;
  /** Reads a text file from the folder. */
  read: (...parts: string[]) => string;
  /** What the CLI wrote to stderr since the test began (or since `clear`). */
  stderr: () => string;
  /** What the CLI wrote to stdout since the test began (or since `clear`). */
  stdout: () => string;
  /** Forgets the output caught so far, for a test that runs the CLI more than once. */
  clear: () => void;
}

export function cliSandbox(prefix: string): CliSandbox {
  let dir = '';
  const err: string[] = [];
  const out: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    err.length = 0;
    out.length = 0;
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
  });
  // All spies, also those a test adds on top of these, so none outlives its test.
  afterEach(() => vi.restoreAllMocks());
  return {
    get dir() {
      return dir;
    },
    path: (...parts) => join(dir, ...parts),
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    read: (...parts) => readFileSync(join(dir, ...parts), 'utf8'),
    stderr: () => err.join(''),
    stdout: () => out.join(''),
    clear: () => {
      err.length = 0;
      out.length = 0;
    },
  };
}
