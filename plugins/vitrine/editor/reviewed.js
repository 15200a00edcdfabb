// The editor's own script (/admin/reviewed.js): « Traductions relues ». When a record is saved with
// languages ticked there, each of its texts translated into them is recorded as reviewed against
// its French text as it is now: the digest vitrine translations writes (sha256 of the text with its
// whitespace collapsed, first 12 hex digits), under the record's `reviewed:` block, one line per
// field path (`criteria.access.text`, `flagships[0].description`). The ticks themselves are never
// saved: the next save marks nothing unless they are ticked again.
(function () {
  "use strict";
  var TICKS = "translations_reviewed";
  var BLOCK = "reviewed";
  var SOURCE = "fr";

  function digest(text) {
    var normalised = text.split(/\s+/).filter(Boolean).join(" ");
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(normalised)).then(function (hash) {
      return Array.from(new Uint8Array(hash), function (byte) {
        return byte.toString(16).padStart(2, "0");
      }).join("").slice(0, 12);
    });
  }

  // Every {fr: ..., en: ...} of the record with its path, as vitrine/model/translations.py finds them.
  function localized(value, path, found) {
    if (Array.isArray(value)) {
      value.forEach(function (item, i) { localized(item, path + "[" + i + "]", found); });
    } else if (value && typeof value === "object") {
      var keys = Object.keys(value);
      var texts = keys.length > 0 && SOURCE in value && keys.every(function (key) {
        return /^[a-z]{2,3}$/.test(key) && typeof value[key] === "string";
      });
      if (texts) {
        found.push([path, value]);
      } else {
        keys.forEach(function (key) {
          if (path !== "" || (key !== BLOCK && key !== TICKS)) {
            localized(value[key], path ? path + "." + key : key, found);
          }
        });
      }
    }
    return found;
  }

  function sorted(object) {
    var out = {};
    Object.keys(object).sort().forEach(function (key) { out[key] = object[key]; });
    return out;
  }

  function marked(data) {
    var ticks = data.get(TICKS);
    var languages = ticks && ticks.toJS ? ticks.toJS() : ticks || [];
    if (!languages.length) {
      return Promise.resolve(data.delete(TICKS));
    }
    var record = data.toJS();
    var block = record[BLOCK] || {};
    var fields = localized(record, "", []).filter(function (found) { return found[1][SOURCE].trim(); });
    return Promise.all(fields.map(function (found) { return digest(found[1][SOURCE]); })).then(function (digests) {
      languages.forEach(function (language) {
        var reviewed = Object.assign({}, block[language]);
        fields.forEach(function (found, i) {
          if ((found[1][language] || "").trim()) {
            reviewed[found[0]] = digests[i];
          }
        });
        block[language] = sorted(reviewed);
      });
      return data.delete(TICKS).delete(BLOCK).mergeDeep({reviewed: sorted(block)});
    });
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) { return marked(event.entry.get("data")); },
  });
})();
