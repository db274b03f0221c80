// Judgement Tracker's own JavaScript, loaded as an ES module by templates/base.html on every page.
//
// 1. Starts GOV.UK Frontend's components (service navigation, error summary, notification banners,
//    password input, details, tabs, ...).
// 2. Draws charts: every <div class="app-chart" data-figure-id="X"> is drawn with Plotly from the figure in
//    <script type="application/json" id="X"> (Django's json_script: data, which the CSP allows). Plotly itself
//    is loaded only on pages that fill {% block charts %} (see templates/includes/chart.html).
// 3. Polls: an element with data-poll-url="..." is refreshed every few seconds (data-poll-interval, in
//    milliseconds, default 5000) with the HTML the URL returns, until a response carries `X-Poll-Done: 1`.
//    Changes are announced politely (aria-live="polite").
//
// The CSP allows no inline script and no inline style: nothing here writes a style attribute or <style>.

import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js'

const POLL_INTERVAL_MS = 5000
const POLL_MIN_INTERVAL_MS = 1000
const POLL_MAX_FAILURES = 5

// --- GOV.UK Frontend ---------------------------------------------------------------------------------------

function markBodySupported () {
  // js/js-enabled.js has done this already; repeated in case a page leaves it out.
  document.body.classList.add('js-enabled')
  if ('noModule' in HTMLScriptElement.prototype) {
    document.body.classList.add('govuk-frontend-supported')
  }
}

/**
 * Start GOV.UK Frontend components inside scope (default: the whole page). Safe to call on new content, e.g.
 * after a polled region is replaced; do not call it twice on the same elements.
 *
 * @param {Element} [scope]
 */
export function initComponents (scope) {
  initAll(scope ? { scope } : {})
}

// --- Charts ------------------------------------------------------------------------------------------------

function readFigure (id) {
  const node = document.getElementById(id)
  if (!node) {
    throw new Error(`no <script type="application/json" id="${id}"> holds this chart's figure`)
  }
  let figure = JSON.parse(node.textContent)
  // A view may pass fig.to_json() (a string) rather than a dict: json_script then wraps it once more.
  if (typeof figure === 'string') {
    figure = JSON.parse(figure)
  }
  return figure
}

function showChartProblem (element, text) {
  element.dataset.chartState = 'failed'
  let message = element.querySelector('.app-chart__fallback')
  if (!message) {
    message = document.createElement('p')
    message.className = 'govuk-body app-chart__fallback'
    element.appendChild(message)
  }
  message.textContent = text
}

const resizeObserver =
  'ResizeObserver' in window
    ? new ResizeObserver((entries) => {
      // Redraw charts whose box changed size without the window resizing (opened tabs or details).
      for (const entry of entries) {
        const element = entry.target
        if (element.dataset.chartState === 'drawn' && window.Plotly && entry.contentRect.width > 0) {
          window.Plotly.Plots.resize(element)
        }
      }
    })
    : null

/**
 * Draw every chart inside scope that is not drawn yet.
 *
 * @param {ParentNode} [scope]
 * @returns {Promise<void>}
 */
export async function drawCharts (scope = document) {
  const charts = Array.from(scope.querySelectorAll('.app-chart[data-figure-id]')).filter(
    (element) => !element.dataset.chartState
  )
  if (!charts.length) {
    return
  }
  if (!window.Plotly) {
    console.error(
      'Judgement Tracker: this page has charts but Plotly is not loaded. ' +
        'Fill {% block charts %}{% include "includes/chart_js.html" %}{% endblock %} in its template.'
    )
    for (const element of charts) {
      showChartProblem(element, 'The chart could not be drawn. The figures are given in words and tables on this page.')
    }
    return
  }

  await Promise.all(
    charts.map(async (element) => {
      element.dataset.chartState = 'drawing'
      try {
        const figure = readFigure(element.dataset.figureId)
        const layout = Object.assign({}, figure.layout)
        // The page's typeface, unless the figure chose one.
        layout.font = Object.assign({ family: 'arial, sans-serif' }, layout.font)
        // No toolbar: its buttons were ten Tab stops inside each chart, one of them a "share" that cannot
        // work here; the page's table and CSV give the data, and nothing on a chart takes focus.
        const config = Object.assign({}, figure.config, {
          responsive: true,
          displaylogo: false,
          displayModeBar: false,
          doubleClick: false
        })

        const fallback = element.querySelector('.app-chart__fallback')
        if (fallback) {
          fallback.remove()
        }
        if (layout.height) {
          element.classList.add('app-chart--sized')
        }
        await window.Plotly.newPlot(element, figure.data || [], layout, config)
        addPrintPicture(element)
        // Redrawn (resized, a legend item toggled): the paper copy follows.
        element.on('plotly_afterplot', () => addPrintPicture(element))
        element.dataset.chartState = 'drawn'
        element.classList.add('app-chart--drawn')
        if (resizeObserver) {
          resizeObserver.observe(element)
        }
      } catch (error) {
        console.error(`Judgement Tracker: chart ${element.dataset.figureId} could not be drawn`, error)
        showChartProblem(element, 'The chart could not be drawn. The figures are given in words and tables on this page.')
      }
    })
  )
}

// Paper: a picture of the whole chart as drawn, an SVG with a viewBox, so CSS scales it to the width of the
// page and a printed chart is never cut at the screen's width (Devon's newest inspection vanished past about
// 2022). It is made from the drawn SVG, not with Plotly.toImage, which writes inline styles that the CSP
// refuses. Shown only in print (static/css/app.css); its alt is empty: the chart's summary names it already.
function addPrintPicture (element) {
  const container = element.querySelector('.svg-container')
  const layers = element.querySelectorAll('svg.main-svg')
  if (!container || !layers.length) {
    return
  }
  const width = Math.round(container.getBoundingClientRect().width)
  const height = Math.round(container.getBoundingClientRect().height)
  const serializer = new window.XMLSerializer()
  const inner = Array.from(layers, (layer) => serializer.serializeToString(layer)).join('')
  const markup =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" ` +
    `height="${height}" viewBox="0 0 ${width} ${height}">${inner}</svg>`
  let picture = element.parentNode.querySelector(`img.app-chart__print[data-for="${element.dataset.figureId}"]`)
  if (!picture) {
    picture = document.createElement('img')
    picture.className = 'app-chart__print'
    picture.alt = ''
    picture.dataset.for = element.dataset.figureId
    element.insertAdjacentElement('afterend', picture)
  }
  picture.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(markup)
}

// Charts fit the paper when printed (a highlight report) and the screen again afterwards.
function resizeAllCharts () {
  if (!window.Plotly) {
    return
  }
  for (const element of document.querySelectorAll('.app-chart[data-chart-state="drawn"]')) {
    window.Plotly.Plots.resize(element)
  }
}
window.addEventListener('beforeprint', resizeAllCharts)
window.addEventListener('afterprint', resizeAllCharts)

function purgeCharts (scope) {
  for (const element of scope.querySelectorAll('.app-chart[data-chart-state]')) {
    if (resizeObserver) {
      resizeObserver.unobserve(element)
    }
    if (window.Plotly) {
      window.Plotly.purge(element)
    }
  }
}

// --- Polling -----------------------------------------------------------------------------------------------

const normaliseText = (text) => text.replace(/\s+/g, ' ').trim()

/**
 * Refresh element from its data-poll-url until the server answers with `X-Poll-Done: 1`.
 *
 * The URL answers with the element's new inner HTML (a fragment, not a page). A redirect (for example to the
 * sign-in page when the session has ended), an answer that is not HTML, or five failures in a row stop the
 * polling and leave the last content in place.
 *
 * @param {HTMLElement} element
 */
export function startPolling (element) {
  if (element.dataset.pollState) {
    return
  }
  const url = element.dataset.pollUrl
  const interval = Math.max(
    POLL_MIN_INTERVAL_MS,
    Number.parseInt(element.dataset.pollInterval || '', 10) || POLL_INTERVAL_MS
  )
  if (!element.hasAttribute('aria-live')) {
    element.setAttribute('aria-live', 'polite')
  }
  element.classList.add('app-poll')
  element.dataset.pollState = 'polling'

  let lastHtml = null
  let failures = 0
  let timer = null
  let waitingForVisible = false

  const stop = (state) => {
    element.dataset.pollState = state
    window.clearTimeout(timer)
    document.removeEventListener('visibilitychange', onVisibilityChange)
  }

  const schedule = () => {
    // Back off after failures: 5s, 10s, 20s, ...
    timer = window.setTimeout(tick, interval * 2 ** failures)
  }

  function onVisibilityChange () {
    if (!document.hidden && waitingForVisible) {
      waitingForVisible = false
      tick()
    }
  }

  function replace (html) {
    const template = document.createElement('template')
    template.innerHTML = html
    // The first answer usually repeats what the server rendered into the page: say nothing then.
    if (lastHtml === null && normaliseText(template.content.textContent) === normaliseText(element.textContent)) {
      return
    }
    const focusedId = element.contains(document.activeElement) ? document.activeElement.id : null
    purgeCharts(element)
    element.setAttribute('aria-busy', 'true')
    element.replaceChildren(template.content)
    element.removeAttribute('aria-busy')
    initComponents(element)
    drawCharts(element)
    if (focusedId) {
      const again = document.getElementById(focusedId)
      if (again && element.contains(again)) {
        again.focus()
      }
    }
  }

  async function tick () {
    if (!element.isConnected) {
      stop('stopped')
      return
    }
    if (document.hidden) {
      // No requests from a tab nobody is looking at; catch up when it is shown again.
      waitingForVisible = true
      return
    }
    try {
      const response = await window.fetch(url, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'text/html', 'X-Requested-With': 'XMLHttpRequest' }
      })
      if (response.redirected) {
        stop('stopped')
        return
      }
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`)
      }
      if (!(response.headers.get('Content-Type') || '').startsWith('text/html')) {
        throw new Error(`expected text/html, got ${response.headers.get('Content-Type')}`)
      }
      const html = await response.text()
      if (html !== lastHtml) {
        replace(html)
        lastHtml = html
      }
      failures = 0
      if (response.headers.get('X-Poll-Done') === '1') {
        stop('done')
        return
      }
    } catch (error) {
      failures += 1
      if (failures >= POLL_MAX_FAILURES) {
        console.warn(`Judgement Tracker: stopped refreshing from ${url}`, error)
        stop('failed')
        return
      }
    }
    schedule()
  }

  document.addEventListener('visibilitychange', onVisibilityChange)
  schedule()
}

// --- Start -------------------------------------------------------------------------------------------------

function init () {
  markBodySupported()
  initComponents()
  drawCharts(document)
  for (const element of document.querySelectorAll('[data-poll-url]')) {
    startPolling(element)
  }
}

// Module scripts run once the document is parsed, so the DOM is ready here.
init()
