// The editor's own script (/admin/status.js): when what was just saved cannot be built, the preview
// writes its messages to _vitrine/build-status.json; this shows them above the editor, in French, until
// a save builds again (the file is then gone).
(function () {
  "use strict";
  var box = null;

  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "vitrine-status";
      box.style.cssText = "position:fixed;z-index:10000;inset:auto 0 0 0;max-height:40vh;overflow:auto;" +
        "background:#fff;color:#6b0000;border-top:4px solid #b00020;padding:1rem;font:15px/1.45 sans-serif";
      var head = document.createElement("p");
      head.style.fontWeight = "bold";
      head.style.margin = "0 0 .5rem";
      head.textContent = "Le dernier enregistrement n'a pas pu être construit : l'aperçu montre encore " +
        "la version précédente. Corrigez le champ indiqué, puis enregistrez de nouveau.";
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      pre.style.margin = "0";
      box.append(head, pre);
      document.body.append(box);
    }
    box.lastChild.textContent = text;
  }

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function poll() {
    fetch("../_vitrine/build-status.json", {cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { if (status && status.error) { show(status.error); } else { hide(); } })
      .catch(hide)
      .finally(function () { setTimeout(poll, 2000); });
  }

  poll();
})();
