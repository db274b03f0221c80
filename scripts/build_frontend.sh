#!/usr/bin/env bash
# Rebuilds static/vendor/govuk-frontend/ and static/vendor/accessible-autocomplete/ (from npm),
# tests/browser/vendor/axe.min.js (from npm: the browser tests' accessibility checker, never served), and
# static/vendor/plotly/ (from the plotly Python package).
#
# THE OUTPUTS ARE COMMITTED. Installing, testing or deploying Judgement Tracker needs no Node.js. Run this
# script only to upgrade govuk-frontend (change the versions in frontend/package.json), after editing
# frontend/main.scss, or after upgrading the plotly Python package; then commit what changed under
# static/vendor/ and frontend/package-lock.json.
#
# What it does:
#   1. installs the exact versions in frontend/package.json (govuk-frontend, and sass: the pure-JavaScript
#      Dart Sass) into a temporary folder, with install scripts disabled; nothing is written to the project
#      apart from the outputs below and frontend/package-lock.json;
#   2. compiles frontend/main.scss (GOV.UK Frontend with Arial instead of the GDS Transport typeface, which is
#      licensed for gov.uk only, and without @font-face rules or the Royal Arms crest) to
#      static/vendor/govuk-frontend/govuk-frontend.min.css;
#   3. copies govuk-frontend.min.js (an ES module exporting initAll, createAll, isSupported and the component
#      classes) and its source map, any image the CSS refers to (none in 6.x), VERSION and LICENCE (MIT);
#   4. copies accessible-autocomplete's built script and stylesheet (GOV.UK's own autocomplete, MIT) for the
#      council pickers (static/js/council_picker.js), and axe-core's axe.min.js (MPL-2.0) for the browser tests;
#   5. extracts the CSS plotly.js would inject as inline <style> (blocked by the CSP) from the installed plotly
#      Python package into static/vendor/plotly/ (frontend/extract-plotly-css.mjs).
#
# Needs: node >= 18 and npm, and access to the npm registry.
# Usage: scripts/build_frontend.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
OUT="$ROOT/static/vendor/govuk-frontend"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "build_frontend: $tool is not installed" >&2; exit 1; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/judgement-tracker-frontend.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "build_frontend: installing build tools into $WORK"
cp "$FRONTEND/package.json" "$WORK/"
if [[ -f "$FRONTEND/package-lock.json" ]]; then
  cp "$FRONTEND/package-lock.json" "$WORK/"
  (cd "$WORK" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
else
  (cd "$WORK" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$WORK/package-lock.json" "$FRONTEND/package-lock.json"
fi

PKG="$WORK/node_modules/govuk-frontend"
DIST="$PKG/dist/govuk"
VERSION="$(node -p "require('$PKG/package.json').version")"
SASS_VERSION="$(node -p "require('$WORK/node_modules/sass/package.json').version")"
echo "build_frontend: govuk-frontend $VERSION, sass $SASS_VERSION"

rm -rf "$OUT"
mkdir -p "$OUT"

# --- CSS ---------------------------------------------------------------------------------------------------
"$WORK/node_modules/.bin/sass" \
  --load-path="$WORK/node_modules" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  "$FRONTEND/main.scss" "$WORK/govuk-frontend.min.css"
# Sass starts compressed output that has non-ASCII characters with a byte order mark; the banner goes after it.
BOM=$'\xEF\xBB\xBF'
css="$(cat "$WORK/govuk-frontend.min.css")"
css="${css#"$BOM"}"
{
  printf '%s/*! GOV.UK Frontend %s (MIT licence, see LICENCE) compiled by scripts/build_frontend.sh from frontend/main.scss: Arial, no brand font, no crown. */\n' "$BOM" "$VERSION"
  printf '%s\n' "$css"
} >"$OUT/govuk-frontend.min.css"

# The brand must not leak in: no GDS Transport, no font files, no crest.
if grep -q "GDS Transport" "$OUT/govuk-frontend.min.css"; then
  echo "build_frontend: the CSS still names GDS Transport; check \$govuk-font-family in frontend/main.scss" >&2
  exit 1
fi
if grep -q "@font-face" "$OUT/govuk-frontend.min.css"; then
  echo "build_frontend: the CSS has @font-face rules; check \$govuk-include-default-font-face" >&2
  exit 1
fi

# Copy exactly the images the CSS refers to, so hashed collectstatic finds every url().
{ grep -o 'url([^)]*)' "$OUT/govuk-frontend.min.css" || true; } | sed -E 's/^url\(["'"'"']?//; s/["'"'"']?\)$//' | sort -u |
  while read -r ref; do
    [[ -z "$ref" || "$ref" == data:* ]] && continue
    case "$ref" in
      images/govuk-crest* | images/govuk-icon* | images/govuk-opengraph* | images/favicon* | fonts/*)
        echo "build_frontend: the CSS refers to GOV.UK brand asset $ref; it must not" >&2
        exit 1
        ;;
      images/*)
        [[ -f "$DIST/assets/$ref" ]] || { echo "build_frontend: $ref is not in the package" >&2; exit 1; }
        mkdir -p "$OUT/images"
        cp "$DIST/assets/$ref" "$OUT/$ref"
        echo "build_frontend: copied $ref"
        ;;
      *)
        echo "build_frontend: unexpected url($ref) in the CSS" >&2
        exit 1
        ;;
    esac
  done

# --- JavaScript --------------------------------------------------------------------------------------------
# The source map is copied too: the .js names it, and hashed collectstatic fails on a missing map.
cp "$DIST/govuk-frontend.min.js" "$DIST/govuk-frontend.min.js.map" "$OUT/"
for name in initAll createAll isSupported; do
  grep -q "$name" "$OUT/govuk-frontend.min.js" || {
    echo "build_frontend: govuk-frontend.min.js does not export $name; check static/js/app.js" >&2
    exit 1
  }
done

# --- Version and licence -----------------------------------------------------------------------------------
printf '%s\n' "$VERSION" >"$OUT/VERSION"

licence="$(find "$PKG" -maxdepth 1 -iname 'licen[cs]e*' | head -n 1)"
if [[ -n "$licence" ]]; then
  cp "$licence" "$OUT/LICENCE"
else
  # The npm package (6.x) ships no licence file; package.json says "MIT". This is the text of LICENSE.txt in
  # https://github.com/alphagov/govuk-frontend.
  cat >"$OUT/LICENCE" <<'LICENCE'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENCE
fi

echo "build_frontend: wrote"
ls -l "$OUT"

# --- accessible-autocomplete (the council pickers) ------------------------------------------------------------
AC_PKG="$WORK/node_modules/accessible-autocomplete"
AC_OUT="$ROOT/static/vendor/accessible-autocomplete"
rm -rf "$AC_OUT"
mkdir -p "$AC_OUT"
# The standalone build (Preact included): a classic script that defines window.accessibleAutocomplete, loaded
# with `defer` before static/js/council_picker.js by templates/includes/council_picker_js.html.
cp "$AC_PKG/dist/accessible-autocomplete.min.js" "$AC_OUT/accessible-autocomplete.min.js"
cp "$AC_PKG/dist/accessible-autocomplete.min.css" "$AC_OUT/"
# Their source maps are not copied, so the comments naming them go (hashed collectstatic fails on a missing map).
sed -i 's|/[/*]# sourceMappingURL=[^*]*\(\*/\)\?||' "$AC_OUT/accessible-autocomplete.min.js" "$AC_OUT/accessible-autocomplete.min.css"
node -p "require('$AC_PKG/package.json').version" >"$AC_OUT/VERSION"
cp "$(find "$AC_PKG" -maxdepth 1 -iname 'licen[cs]e*' | head -n 1)" "$AC_OUT/LICENCE"
ls -l "$AC_OUT"

# --- axe-core (the browser tests' accessibility rules; not served) ------------------------------------------
AXE_OUT="$ROOT/tests/browser/vendor"
mkdir -p "$AXE_OUT"
cp "$WORK/node_modules/axe-core/axe.min.js" "$AXE_OUT/axe.min.js"
cp "$WORK/node_modules/axe-core/LICENSE" "$AXE_OUT/axe-LICENCE"
node -p "require('$WORK/node_modules/axe-core/package.json').version" >"$AXE_OUT/axe-VERSION"
ls -l "$AXE_OUT"

# --- Plotly's CSS, for the CSP ------------------------------------------------------------------------------
# plotly.min.js itself is served from the installed plotly Python package (static name plotly/plotly.min.js).
# At load it injects two <style> elements, which style-src 'self' blocks. Their CSS is extracted here into
# static/vendor/plotly/, and templates/includes/chart_js.html links it under the ids that make plotly.js skip
# the injection. Rerun this script after upgrading the plotly Python package.
PLOTLY_OUT="$ROOT/static/vendor/plotly"
PYTHON="$ROOT/.venv/bin/python"
[[ -x "$PYTHON" ]] || PYTHON="$(command -v python3 || true)"
PLOTLY_JS="$("$PYTHON" -c 'import pathlib, plotly; print(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js")' 2>/dev/null || true)"
if [[ -z "$PLOTLY_JS" || ! -f "$PLOTLY_JS" ]]; then
  echo "build_frontend: the plotly Python package is not installed here; static/vendor/plotly/ left as it is" >&2
else
  rm -rf "$PLOTLY_OUT"
  extracted="$(node "$FRONTEND/extract-plotly-css.mjs" "$PLOTLY_JS" "$PLOTLY_OUT")"
  echo "build_frontend: $extracted" | head -n 1
  maplibre_id="$(printf '%s\n' "$extracted" | sed -n 's/^MAPLIBRE_STYLE_ID=//p')"
  if [[ -n "$maplibre_id" ]] && ! grep -q "id=\"$maplibre_id\"" "$ROOT/templates/includes/chart_js.html"; then
    echo "build_frontend: plotly.js now names its MapLibre stylesheet $maplibre_id:" >&2
    echo "  put that id on the maplibre-gl.css <link> in templates/includes/chart_js.html" >&2
    exit 1
  fi
  ls -l "$PLOTLY_OUT"
fi
