/** Opens the browser's print dialog; `after` runs once the dialog is closed. */
export function printPage(after: () => void): void {
  window.addEventListener('afterprint', after, { once: true });
  window.print();
}
