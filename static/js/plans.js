// Improvement plan pages: a "Print or save as PDF" button on the highlight report. The button is hidden in the
// HTML and shown here, so nobody without JavaScript sees a button that does nothing (the hint beside it says how
// to print from the browser). No inline script: the CSP allows only our own files.

for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
