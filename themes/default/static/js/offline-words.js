/* offline-words.js — one job: what the offline UI (offline.js) says, as pure functions: sizes in
   megabytes with the decimal mark of the page's language, and UI strings with {name} filled. */
(function (root) {
  'use strict';
  /* Bytes as megabytes with one decimal: '1,2 MB' (vi), '1.2 MB' (en); never '0,0 MB' for a file. */
  function size(bytes, lang) {
    var mb = bytes / 1e6;
    var text = (bytes > 0 && mb < 0.1 ? 0.1 : mb).toFixed(1);
    return (lang === 'en' ? text : text.replace('.', ',')) + ' MB';
  }
  /* A UI string with {name} placeholders filled; unknown ones stay as written. */
  function format(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (whole, k) {
      return values && values[k] !== undefined ? String(values[k]) : whole;
    });
  }

  var KhoaOfflineWords = { size: size, format: format };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = KhoaOfflineWords;
  } else {
    root.KhoaOfflineWords = KhoaOfflineWords;
  }
})(this);
