/**
 * Plotly renders trace names, text and hover labels as a small subset of HTML (`<b>`, `<br>`,
 * `<a href>`...). A customer ID or country read from a file is data, not markup, so it must pass
 * through here before it goes into a trace. Plotly decodes these entities back to characters.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeForPlotly(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
