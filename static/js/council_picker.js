// Council pickers: type a name or another name a council goes by ("BCP"), see matches as you type, choose with
// Enter, as many as you like, with no page load. Built on GOV.UK's accessible-autocomplete (loaded before this
// module by templates/includes/council_picker_js.html), not hand-written: it announces the matches and the
// choice to screen readers and works with a keyboard alone.
//
// Progressive enhancement: without JavaScript the form has a search box and the councils as checkboxes, and
// works as it is. With it:
//   <div data-council-picker="a">   (a field that takes many councils) the checkboxes and search box are
//                                   replaced by one text box and a list of the councils chosen, each chosen
//                                   council a hidden input named "a" with a Remove button;
//   <select data-council-select>    (one council) becomes a text box with the same matching.
// Enter in the empty text box submits the form, so comparing two councils from the first field is "derb",
// Enter, "devo", Enter, Enter: 11 key presses (tests/browser/test_comparison.py counts them).

const fold = (text) =>
  (text || '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[().,'’-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

function readCouncils () {
  const node = document.getElementById('council-names')
  if (!node) {
    return []
  }
  return JSON.parse(node.textContent).map((council) => ({
    ...council,
    keys: [council.name, ...council.also].map(fold)
  }))
}

// Councils whose name or other name holds the query: names that start with it first, then words that start
// with it, then anywhere; ten at most.
function match (councils, query, exclude = new Set()) {
  const wanted = fold(query)
  if (!wanted) {
    return []
  }
  const scored = []
  for (const council of councils) {
    if (exclude.has(council.slug)) {
      continue
    }
    let best = null
    council.keys.forEach((key, index) => {
      let score = null
      if (key.startsWith(wanted)) {
        score = 0
      } else if ((' ' + key).includes(' ' + wanted)) {
        score = 1
      } else if (key.includes(wanted)) {
        score = 2
      }
      if (score !== null && (best === null || score < best.score)) {
        best = { score, alias: index === 0 ? '' : council.also[index - 1] }
      }
    })
    if (best) {
      scored.push({ council, ...best })
    }
  }
  scored.sort((a, b) => a.score - b.score || a.council.name.localeCompare(b.council.name))
  return scored.slice(0, 10).map(({ council, alias }) => ({ ...council, alias }))
}

function say (status, text) {
  // Cleared first so that the same words twice are announced twice.
  status.textContent = ''
  window.setTimeout(() => {
    status.textContent = text
  }, 50)
}

function chosenItem (council, name, onRemove) {
  const item = document.createElement('li')
  item.className = 'app-chosen-list__item'
  item.dataset.slug = council.slug
  const label = document.createElement('span')
  label.className = 'app-chosen-list__name'
  label.textContent = council.name
  const input = document.createElement('input')
  input.type = 'hidden'
  input.name = name
  input.value = council.slug
  const remove = document.createElement('button')
  remove.type = 'button'
  remove.className = 'govuk-button govuk-button--secondary app-chosen-list__remove'
  remove.textContent = 'Remove'
  const hidden = document.createElement('span')
  hidden.className = 'govuk-visually-hidden'
  hidden.textContent = ` ${council.name}`
  remove.appendChild(hidden)
  remove.addEventListener('click', () => onRemove(council, item))
  item.append(label, input, remove)
  return item
}

function enhanceMany (root, councils) {
  const name = root.dataset.councilPicker
  const bySlug = new Map(councils.map((c) => [c.slug, c]))
  const checked = Array.from(root.querySelectorAll(`input[type="checkbox"][name="${name}"]:checked`))
  const chosen = new Map()
  for (const box of checked) {
    const label = root.querySelector(`label[for="${box.id}"]`)
    chosen.set(box.value, bySlug.get(box.value) || { slug: box.value, name: label ? label.textContent.trim() : box.value, also: [] })
  }

  const id = `${name}-picker`
  const group = document.createElement('div')
  group.className = 'govuk-form-group app-council-picker'
  group.innerHTML =
    `<label class="govuk-label govuk-label--s" for="${id}">Add a council</label>` +
    `<div class="govuk-hint" id="${id}-hint">Type its name or another name it goes by, such as BCP, then ` +
    'choose it with Enter. Add as many as you like; press Enter in the empty box to show them.</div>' +
    `<div class="app-council-picker__box" id="${id}-box"></div>`
  const list = document.createElement('ul')
  list.className = 'govuk-list app-chosen-list'
  list.setAttribute('aria-label', 'Councils chosen')
  const status = document.createElement('div')
  status.className = 'govuk-visually-hidden'
  status.setAttribute('role', 'status')

  const input = () => document.getElementById(id)
  const remove = (council, item) => {
    chosen.delete(council.slug)
    item.remove()
    say(status, `${council.name} removed. ${chosen.size} chosen.`)
    input().focus()
  }
  const add = (council) => {
    if (!council || chosen.has(council.slug)) {
      return
    }
    chosen.set(council.slug, council)
    list.appendChild(chosenItem(council, name, remove))
    say(status, `${council.name} added. ${chosen.size} chosen.`)
  }

  root.replaceChildren(group, list, status)
  for (const council of chosen.values()) {
    list.appendChild(chosenItem(council, name, remove))
  }
  window.accessibleAutocomplete({
    element: document.getElementById(`${id}-box`),
    id,
    name: '',
    source: (query, populate) => populate(match(councils, query, new Set(chosen.keys()))),
    templates: {
      // After a choice the box empties, ready for the next council.
      inputValue: () => '',
      suggestion: (council) =>
        council && typeof council === 'object'
          ? council.name + (council.alias ? ` (${council.alias})` : '')
          : String(council || '')
    },
    onConfirm: add,
    autoselect: true,
    confirmOnBlur: false,
    minLength: 1,
    displayMenu: 'overlay',
    tNoResults: () => 'No council by that name',
    tStatusQueryTooShort: () => 'Type a council’s name',
    menuAttributes: { 'aria-label': 'Councils that match' }
  })
  const box = input()
  box.setAttribute('aria-describedby', `${id}-hint ${box.getAttribute('aria-describedby') || ''}`.trim())
}

function enhanceOne (select, councils) {
  const byName = new Map(councils.map((c) => [c.name, c]))
  const names = new Set(Array.from(select.options, (option) => option.textContent.trim()))
  const current = select.value ? select.options[select.selectedIndex].textContent.trim() : ''
  const id = select.id // the text box takes this id; the select becomes "<id>-select"
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: current,
    source: (query, populate) =>
      populate(match(councils, query).map((c) => c.name).filter((n) => names.has(n) && byName.has(n))),
    autoselect: true,
    confirmOnBlur: false,
    minLength: 1,
    displayMenu: 'overlay',
    tNoResults: () => 'No council by that name'
  })
  // Emptied by the user: no council (the select would otherwise keep its last choice).
  const form = select.form
  const box = document.getElementById(id)
  if (form && box) {
    form.addEventListener('submit', () => {
      if (!box.value.trim()) {
        select.value = ''
      }
    })
  }
}

function init () {
  if (!window.accessibleAutocomplete) {
    return // the plain form still works
  }
  const councils = readCouncils()
  if (!councils.length) {
    return
  }
  for (const root of document.querySelectorAll('[data-council-picker]')) {
    enhanceMany(root, councils)
  }
  for (const select of document.querySelectorAll('select[data-council-select]')) {
    enhanceOne(select, councils)
  }
}

init()
