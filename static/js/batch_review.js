// Keyboard shortcuts for reviewing a batch: "n" opens the next document, "p" the previous one.
// Single-key shortcuts are off until the reviewer turns them on (WCAG 2.2, 2.1.4 Character Key Shortcuts), the
// choice is remembered in this browser, and keys typed into a field are never taken. The checkbox is hidden in
// the HTML and shown here, so nobody without JavaScript sees a control that does nothing.

const STORAGE_KEY = 'batch-review-shortcuts'
const toggle = document.querySelector('[data-batch-shortcuts-toggle]')

function enabled () {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on'
  } catch {
    return false
  }
}

if (toggle) {
  toggle.closest('[hidden]')?.removeAttribute('hidden')
  toggle.checked = enabled()
  toggle.addEventListener('change', () => {
    try {
      window.localStorage.setItem(STORAGE_KEY, toggle.checked ? 'on' : 'off')
    } catch {
      // Private browsing without storage: the choice lasts for this page only.
    }
  })
  document.addEventListener('keydown', (event) => {
    if (!toggle.checked || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const target = event.target
    // Keys typed into a field are the reviewer's text; a checkbox or button that has focus is not a field.
    const typing = 'input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), ' +
      'textarea, select, [contenteditable]'
    if (target.closest(typing)) return
    const link = document.querySelector(`[data-batch-shortcut="${event.key}"]`)
    if (link) {
      event.preventDefault()
      window.location.assign(link.href)
    }
  })
}
