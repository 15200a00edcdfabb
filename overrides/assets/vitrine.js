/* Vitrine: remember a language chosen explicitly (switcher or root page), so that
   the site root opens it next time. No cookie: localStorage on this device only. */
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-vt-language]") : null;
  if (!link) return;
  try { localStorage.setItem("vitrine.language", link.getAttribute("data-vt-language")); } catch (e) { /* storage off */ }
});

/* Vitrine: Material reads its search field when a key is released, when the field
   gains focus and when its search worker is ready. Input methods, virtual keyboards,
   dictation and pasting commit text without a key release: on a busy device, what
   came after the worker got ready (the index loads on the first search) was never
   searched, and the page showed a prefix's results or none. Every change of the field
   now counts as a key release; Material skips a value it has already searched, and
   searches the latest one when its worker is ready. */
(function () {
  var selector = "form[name=search] input[name=query]";
  function release(field) { field.dispatchEvent(new KeyboardEvent("keyup")); }
  document.addEventListener("input", function (event) {
    if (event.target instanceof HTMLInputElement && event.target.matches(selector)) release(event.target);
  });
  var field = document.querySelector(selector);
  if (field && field.value) release(field); // typed while this script was loading
})();

/* Vitrine: directory filters (progressive enhancement). Without scripting the
   form stays hidden and the whole list shows. The form is in the page from the
   server and vitrine.css shows it from the first paint where scripting is on, so
   this script only enhances it in place (nothing moves): every change filters at
   once, the address reflects the filters (?sector=health&sort=founded) so a
   filtered view can be shared, and back/forward restores earlier views. On narrow
   screens the disclosure button folds the fields (aria-expanded). Tiles carry
   their values in data-* attributes and their rank for each sort order
   (data-sort-<order>), worked out at build time. */
(function () {
  function tokens(element, name) {
    var value = element.getAttribute("data-" + name) || "";
    return value ? value.split(" ") : [];
  }

  function setUp(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-vt-item]"));
    var lists = Array.prototype.slice.call(document.querySelectorAll("[data-vt-items]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-vt-group]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-vt-facet]"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][data-vt-facet]"));
    var sort = form.querySelector("select[data-vt-sort]");
    var status = form.querySelector("[data-vt-template]");
    var toggle = form.querySelector("[data-vt-toggle]");
    var empty = document.querySelector("[data-vt-empty]");
    var language = document.documentElement.lang || undefined;

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      selects.concat(sort ? [sort] : []).forEach(function (select) {
        var wanted = params.get(select.name) || "";
        select.value = wanted;
        if (select.selectedIndex < 0) select.selectedIndex = 0; // absent or unknown: the first choice
      });
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) >= 0; });
    }

    function toAddress() {
      var params = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) params.append(select.name, select.value); });
      boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
      if (sort && sort.selectedIndex > 0) params.append(sort.name, sort.value);
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }

    function matches(item) {
      var chosen = {};
      boxes.forEach(function (box) { if (box.checked) (chosen[box.name] = chosen[box.name] || []).push(box.value); });
      for (var name in chosen) {
        if (!tokens(item, name).some(function (t) { return chosen[name].indexOf(t) >= 0; })) return false;
      }
      return selects.every(function (select) {
        return !select.value || tokens(item, select.getAttribute("data-vt-facet")).indexOf(select.value) >= 0;
      });
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        item.hidden = !matches(item);
        if (!item.hidden) shown += 1;
      });
      var order = sort ? "data-sort-" + sort.value : null;
      lists.forEach(function (list) {
        if (!order) return;
        Array.prototype.slice.call(list.querySelectorAll("[data-vt-item]"))
          .sort(function (a, b) { return Number(a.getAttribute(order)) - Number(b.getAttribute(order)); })
          .forEach(function (item) { list.appendChild(item); });
      });
      groups.forEach(function (group) { group.hidden = !group.querySelector("[data-vt-item]:not([hidden])"); });
      if (empty) empty.hidden = shown > 0;
      if (status) {
        var text = status.getAttribute("data-vt-template")
          .replace("{shown}", shown.toLocaleString(language))
          .replace("{total}", items.length.toLocaleString(language));
        if (status.textContent !== text) status.textContent = text; // the build wrote the unfiltered count
      }
    }

    function changed() {
      apply();
      var address = toAddress();
      if (address !== location.pathname + location.search + location.hash) history.pushState(null, "", address);
    }

    if (toggle) {
      toggle.addEventListener("click", function () {
        toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
      });
    }
    form.addEventListener("change", changed);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(changed, 0); }); // after the controls are reset
    window.addEventListener("popstate", function () { fromAddress(); apply(); });
    fromAddress();
    apply();
    form.hidden = false;
    document.documentElement.classList.remove("vt-pending"); // see main.html: the lists show, filtered
  }

  function start() {
    var form = document.querySelector("form[data-vt-filter]");
    if (form) setUp(form);
    else document.documentElement.classList.remove("vt-pending");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Vitrine: Material's drawer and search toggles are checkboxes. Its template marks them
   autocomplete="off", which HTML allows on text-like inputs only, so vitrine/publish
   removes it (publish/conformance.py). Without it, a browser keeps a checkbox's state in
   the history and restores it on Back, after Material has read it: the drawer or the
   search would show open while Material takes them for closed. Leaving the page closes
   them first (by a click, as Material does, so that its own state follows). */
window.addEventListener("pagehide", function () {
  ["drawer", "search"].forEach(function (name) {
    var toggle = document.querySelector("input[data-md-toggle=" + name + "]");
    if (toggle && toggle.checked) toggle.click();
  });
});
