// Loaded as the first thing in <body> by templates/base.html, as an ordinary blocking script: the
// Content-Security-Policy allows no inline script, so this replaces the inline snippet of the GOV.UK
// template. The classes let CSS hide no-JavaScript fallbacks before the page is painted, and
// `govuk-frontend-supported` is what govuk-frontend's initAll() checks before it starts any component.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
