/** plotly.js ships no types for the CSP-safe ("strict") scattergl module; it is lib/scattergl's. */
declare module 'plotly.js/src/traces/scattergl/strict' {
  import scattergl from 'plotly.js/lib/scattergl';
  export default scattergl;
}
