/**
 * Our plotly.js build: the core plus only the trace types the app draws, instead of the 4.8 MB
 * full bundle. Loaded lazily by <Plot>, so the start screen never pays for it.
 */
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import heatmap from 'plotly.js/lib/heatmap';
import pie from 'plotly.js/lib/pie';
import sankey from 'plotly.js/lib/sankey';
import scatter3d from 'plotly.js/lib/scatter3d';
import scatterpolar from 'plotly.js/lib/scatterpolar';

Plotly.register([bar, heatmap, pie, sankey, scatter3d, scatterpolar]);

export default Plotly;
