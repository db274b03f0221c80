// Extracts the CSS that plotly.js would inject as inline <style> elements (which the site's CSP blocks) into
// static files, so templates/includes/chart_js.html can load them with <link> instead. Run by
// scripts/build_frontend.sh: node frontend/extract-plotly-css.mjs <plotly.min.js> <output folder>
//
// plotly.js (>= 2.35) skips its global rules when an element with id "plotly.js-style-global" and class
// "no-inline-styles" exists, and skips MapLibre's stylesheet when an element with that stylesheet's id exists.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import vm from 'node:vm'

const [source, outDir] = process.argv.slice(2)
const js = readFileSync(source, 'utf8')
const fail = (message) => {
  console.error(`extract-plotly-css: ${message}`)
  process.exit(1)
}

const version = (js.match(/plotly\.js v(\d+\.\d+\.\d+)/) || fail('no plotly.js version in the header'))[1]

// 1. The global rules: {"X,X div": "...", ...}; for (... in rules) addStyleRule(selector.replace(...), ...)
const rulesMatch = js.match(/=(\{"X,X div":[\s\S]*?\});for\(/) || fail('the global style rules were not found')
const rules = vm.runInNewContext(`(${rulesMatch[1]})`)
const lines = []
for (const [key, declarations] of Object.entries(rules)) {
  const selector = key.replace(/^,/, ' ,').replace(/X/g, '.js-plotly-plot .plotly').replace(/Y/g, '.plotly-notifier')
  // plotly.js removes focus outlines from its buttons; keyboard users need them (WCAG 2.4.7): dropped here,
  // and static/css/app.css gives the modebar a visible focus style.
  if (/outline:\s*none/.test(declarations) && /:focus/.test(selector)) continue
  lines.push(`${selector}{${declarations}}`)
}
// addStyleRule inserts every rule at index 0, so the browser sees them in reverse order.
lines.reverse()
mkdirSync(outDir, { recursive: true })
writeFileSync(
  join(outDir, 'plotly-global.css'),
  `/* plotly.js ${version}: its global rules, extracted by scripts/build_frontend.sh (MIT licence, Plotly, Inc.) */\n` +
    lines.join('\n') + '\n'
)

// 2. MapLibre's stylesheet (map traces): if(!document.getElementById("<id>")){var e=document.createElement("style");e.id=...,e.textContent='...'
const mapMatch = js.match(
  /document\.getElementById\("([0-9a-f]{64})"\)\)\{var (\w+)=document\.createElement\("style"\);\2\.id="\1",\2\.textContent=('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/
)
let maplibreId = ''
if (mapMatch) {
  maplibreId = mapMatch[1]
  const css = vm.runInNewContext(mapMatch[3])
  writeFileSync(
    join(outDir, 'maplibre-gl.css'),
    `/* MapLibre GL's stylesheet as bundled in plotly.js ${version}, extracted by scripts/build_frontend.sh (BSD-3-Clause, MapLibre contributors) */\n${css}\n`
  )
}

const leftovers = (js.match(/createElement\("style"\)/g) || []).length
writeFileSync(join(outDir, 'VERSION'), `plotly.js ${version}\nmaplibre-style-id ${maplibreId}\n`)
console.log(`plotly.js ${version}: ${lines.length} global rules; MapLibre style id ${maplibreId || '(none)'}; ` +
  `${leftovers} createElement("style") call(s) in the bundle`)
console.log(`MAPLIBRE_STYLE_ID=${maplibreId}`)
