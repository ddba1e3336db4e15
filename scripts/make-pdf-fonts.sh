#!/usr/bin/env bash
# Writes the fonts the PDF report embeds (src/analyses/export/pdf/fonts/): DejaVu Sans and
# DejaVu Sans Bold from Debian's fonts-dejavu-core, cut down with fontTools (python3-fonttools)
# to Latin (with its extensions, Vietnamese included), Greek, Cyrillic and common punctuation
# and currency signs, without hinting or layout tables jsPDF does not use: about 80 KB each
# instead of 700. jsPDF's own fonts cover Windows-1252 only, so "Łódź" or "Ελλάδα" would come
# out as garbage. The output is committed; run again only to change the characters covered:
#   apt-get install fonts-dejavu-core python3-fonttools && bash scripts/make-pdf-fonts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/dejavu
out=src/analyses/export/pdf/fonts
unicodes="U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2010-2027,U+2030-203A"
unicodes+=",U+2044,U+20A0-20C0,U+2116,U+2122,U+2190-2193,U+2212,U+2264,U+2265,U+25CF"
for font in DejaVuSans DejaVuSans-Bold; do
  /usr/bin/python3 -m fontTools.subset "$src/$font.ttf" --unicodes="$unicodes" --no-hinting \
    --layout-features='' --drop-tables+=FFTM,GDEF,GPOS,GSUB,kern \
    --output-file="$out/$font.subset.ttf"
done
cp /usr/share/doc/fonts-dejavu-core/copyright "$out/LICENSE-DejaVu.txt"
ls -l "$out"
