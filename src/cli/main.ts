import { join } from 'node:path';
import { loadWithCodeCache } from '../node/code-cache.ts';
import { nodeKMeansPool } from '../node/kmeans-pool.ts';
import type { main as Main } from './analyze.ts';

// The bundle's entry, dist-cli/analyze.cjs (scripts/build-cli.mjs): the k-means thread,
// dist-cli/kmeans-thread.cjs, boots (kmeans-pool.ts) while this thread loads the analysis,
// dist-cli/engine/analyze.cjs, from its code cache (code-cache.ts). Booted after the analysis was
// loaded, the thread was ready about 0.12 s after the file's read had begun.
const pool = nodeKMeansPool(join(__dirname, 'kmeans-thread.cjs'));
pool.start();
const engine = loadWithCodeCache(join(__dirname, 'engine', 'analyze.cjs'));
const { main } = engine.exports as { main: typeof Main };

main(process.argv.slice(2), { pool, codeCache: engine.cache }).then(
  async (code) => {
    // The build runs the CLI once on a small file to make the cache (SEGMENT_WRITE_CODE_CACHE).
    if (process.env.SEGMENT_WRITE_CODE_CACHE === '1') engine.writeCache();
    await pool.close();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
