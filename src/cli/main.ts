import { nodeKMeansPool } from '../node/kmeans-pool.ts';
import { main } from './analyze.ts';

// In the bundle, the k-means thread is dist-cli/kmeans-thread.mjs beside this file.
const pool = nodeKMeansPool(new URL('./kmeans-thread.mjs', import.meta.url));
// Booted while this thread loads its modules and sniffs the file (kmeans-pool.ts).
pool.start();

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
