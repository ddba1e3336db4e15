#!/usr/bin/env bash
# Renders PDFs to PNG pages (and their text) with poppler-utils, to look at what the PDF report
# really prints: `bash scripts/render-pdf.sh e2e/screenshots/report-*.pdf` writes
# <name>-page-<n>.png and <name>.txt beside each PDF. The e2e tests keep the PDFs they download
# in e2e/screenshots/. Needs pdftoppm and pdftotext (apt-get install poppler-utils).
set -euo pipefail
if ! command -v pdftoppm >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "pdftoppm/pdftotext not found: apt-get install poppler-utils" >&2
  exit 1
fi
[ $# -gt 0 ] || { echo "usage: $0 FILE.pdf..." >&2; exit 2; }
for pdf in "$@"; do
  base="${pdf%.pdf}"
  pdftoppm -r 110 -png "$pdf" "$base-page"
  pdftotext -layout "$pdf" "$base.txt"
  pages=$(ls "$base"-page-*.png | wc -l)
  echo "$pdf: $pages page(s), $(wc -c <"$pdf") bytes -> $base-page-*.png, $base.txt"
done
