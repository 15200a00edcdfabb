/* Vitrine: remember a language chosen explicitly (switcher or root page), so that
   the site root opens it next time. No cookie: localStorage on this device only. */
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-vt-language]") : null;
  if (!link) return;
  try { localStorage.setItem("vitrine.language", link.getAttribute("data-vt-language")); } catch (e) { /* storage off */ }
});
