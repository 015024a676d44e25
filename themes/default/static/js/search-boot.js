/* search-boot.js — one job: show the header search box (hidden without JavaScript) and, on the
 * first focus, tap or key press in it, load `_khoa/js/khoa-search.js` (search-core.js + search.js,
 * joined by src/render/runtime.rs) from `body[data-root]`, so it works from file:// and sub-paths.
 * A page downloads nothing of search until then; search.js takes over the focus and what was
 * typed meanwhile. If the file cannot load, the box says so and the next focus tries again.
 */
(function () {
  'use strict';
  var box = document.querySelector('[data-khoa-search]');
  var input = box && box.querySelector('input');
  if (!input) return;
  var EVENTS = ['focus', 'pointerdown', 'keydown'];

  function arm(on) {
    EVENTS.forEach(function (name) {
      input[on ? 'addEventListener' : 'removeEventListener'](name, load);
    });
  }

  function load() {
    arm(false);
    var script = document.createElement('script');
    script.src = (document.body.getAttribute('data-root') || '') + '_khoa/js/khoa-search.js';
    script.onerror = function () {
      script.parentNode.removeChild(script);
      var t = (window.KhoaStrings || {})[document.documentElement.lang] || {};
      var said = t.search_error || 'search_error';
      box.querySelector('.search-note').textContent = said;
      box.querySelector('[role=status]').textContent = said;
      box.querySelector('.search-panel').hidden = false;
      arm(true);
    };
    document.head.appendChild(script);
  }

  arm(true);
  box.hidden = false;
})();
