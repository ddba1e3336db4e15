import { nodeKMeansPool } from '../node/kmeans-pool.ts';

// In the bundle, the k-means thread is dist-cli/kmeans-thread.mjs beside this file. It boots
// (kmeans-pool.ts) while this thread loads the analysis, which is imported only then: started
// after it, the thread was ready about 0.12 s after the file's read had begun.
const pool = nodeKMeansPool(new URL('./kmeans-thread.mjs', import.meta.url));
pool.start();
const { main } = await import('./analyze.ts');

main(process.argv.slice(2), { pool }).then(
  async (code) => {
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
