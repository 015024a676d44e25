/* search.js — one job: the search box in the header of every page (DOM side; the logic is in
 * search-core.js, loaded before this file).
 *
 * Neither comes with the page: search-boot.js shows the box and, on its first focus, tap or key
 * press, loads them (the bundle `_khoa/js/khoa-search.js`), so this file runs once the document is
 * ready and the learner may already be in the box: it takes over the focus and what was typed.
 *
 * Reads the markup of templates/base.html: `[data-khoa-search]` holding input#_khoa-search
 * (combobox), #_khoa-search-status (live region), .search-panel with .search-note,
 * ul#_khoa-search-results (listbox) and button.search-all; `body[data-root]`; `#_khoa-data` JSON
 * {course?, lang, search: [catalog]} (its path from the site root; the catalog names each
 * course's files by their published names, which carry a content hash, so this file never builds
 * one); `KhoaStrings[lang]`.
 *
 * The index is never loaded with the page. On the first focus of the box it inserts
 * `<script src="_search/index.js">` (the catalog: a plain name, revalidated like a page, so an
 * edited lesson does not change every page naming it) and, once it has run, on a course or lesson
 * page, the current course's shard `course-<id>.js`: a learner searching this course downloads
 * only it.
 * Results (title, course › module) show as soon as a shard is there; its snippet text
 * `course-<id>.text.js` is requested when the shard has arrived (not alongside it, so that on a
 * slow line it does not share the bandwidth the results wait for) and fills the snippets in place.
 * The other courses load when the learner asks ("search all courses", with their size shown) or,
 * on pages without a course (home, 404), right after the catalog. Index files call
 * window.KhoaSearch. All index text is inserted with textContent, never as HTML. Screen readers
 * hear the count through the polite status once typing pauses, not on every keystroke.
 */
(function () {
  'use strict';
  var core = window.KhoaSearchCore;
  var box = document.querySelector('[data-khoa-search]');
  if (!core || !box) return;
  var input = box.querySelector('input');
  var status = box.querySelector('[role=status]');
  var panel = box.querySelector('.search-panel');
  var note = box.querySelector('.search-note');
  var list = box.querySelector('[role=listbox]');
  var allButton = box.querySelector('.search-all');
  var data = pageData();
  var t = (window.KhoaStrings || {})[data.lang] || {};
  var root = document.body.getAttribute('data-root') || '';
  var LIMIT = 10;
  var SNIPPET = 120;
  var ANNOUNCE_MS = 700;
  var index = core.createIndex();
  var state = { started: false, catalog: null, loading: {}, failed: false, all: !data.course };
  var shown = [];
  var shownQuery = '';
  var active = -1;
  var announceTimer = 0;

  function pageData() {
    try {
      return JSON.parse(document.getElementById('_khoa-data').textContent) || {};
    } catch (_e) {
      return {};
    }
  }

  function text(key, n, shownCount) {
    return String(t[key] || key)
      .replace('{n}', String(n))
      .replace('{shown}', String(shownCount));
  }

  /** Loads an index file once; `then` runs after it has run (else the results are redrawn). */
  function loadScript(file, then) {
    if (state.loading[file]) return;
    state.loading[file] = 'loading';
    var script = document.createElement('script');
    script.src = root + file;
    script.onload = function () {
      state.loading[file] = 'done';
      (then || update)();
    };
    script.onerror = function () {
      state.loading[file] = 'failed';
      state.failed = true;
      update();
    };
    document.head.appendChild(script);
  }

  function start() {
    if (state.started) return;
    state.started = true;
    var files = data.search || [];
    loadScript(files[0]);
  }

  /** The current course's files, named in the catalog. */
  function loadCurrent() {
    state.catalog.courses.forEach(function (c) {
      if (c.id === data.course) loadCourse(c.file, c.text);
    });
  }

  /** A course's shard, then its snippet text. */
  function loadCourse(file, textFile) {
    loadScript(file, function () {
      update();
      loadScript(textFile, fillSnippets);
    });
  }

  function loadAll() {
    state.all = true;
    (state.catalog ? state.catalog.courses : []).forEach(function (c) {
      loadCourse(c.file, c.text);
    });
    update();
  }

  /** Shards in display order: the current course, then catalog order. */
  function rank(courseId) {
    if (courseId === data.course) return -1;
    var courses = state.catalog ? state.catalog.courses : [];
    for (var i = 0; i < courses.length; i++) if (courses[i].id === courseId) return i;
    return courses.length;
  }

  window.KhoaSearch = {
    catalog: function (catalog) {
      if (!catalog || catalog.v !== 3 || !catalog.courses) return;
      state.catalog = catalog;
      if (state.all) loadAll();
      else loadCurrent();
    },
    add: function (shard) {
      if (!core.addShard(index, shard)) return;
      index.shards.sort(function (a, b) {
        return rank(a.data.course) - rank(b.data.course);
      });
    },
    text: function (courseText) {
      core.addText(index, courseText);
    },
  };

  /** Is an index file still loading? Snippet text does not hold results back. */
  function pending() {
    return Object.keys(state.loading).some(function (f) {
      return state.loading[f] === 'loading' && !/\.text\.js$/.test(f);
    });
  }

  function remainingBytes() {
    if (!state.catalog || state.all) return 0;
    return state.catalog.courses.reduce(function (sum, c) {
      return state.loading[c.file] ? sum : sum + c.bytes;
    }, 0);
  }

  function marked(parent, parts) {
    parts.forEach(function (part) {
      var node = part.mark ? document.createElement('mark') : document.createTextNode(part.text);
      if (part.mark) node.textContent = part.text;
      parent.appendChild(node);
    });
  }

  function span(className, parts, query) {
    var el = document.createElement('span');
    el.className = className;
    if (query === undefined) el.textContent = parts;
    else if (parts !== null) {
      marked(el, core.snippet(parts, query, className === 'search-title' ? 1000 : SNIPPET));
    }
    return el;
  }

  /** Fills in place the snippets of shown results whose text has just arrived (no redraw, so
   * the selection and the announced count stay as they are). */
  function fillSnippets() {
    var spans = list.querySelectorAll('.search-snippet');
    shown.forEach(function (result, i) {
      if (result.text !== null || !spans[i]) return;
      result.text = core.textOf(index, result);
      if (result.text !== null) marked(spans[i], core.snippet(result.text, shownQuery, SNIPPET));
    });
  }

  function option(result, i, query) {
    var li = document.createElement('li');
    li.setAttribute('role', 'none');
    var a = document.createElement('a');
    a.id = '_khoa-search-opt-' + i;
    a.href = root + result.url;
    a.tabIndex = -1;
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    a.appendChild(span('search-title', result.title, query));
    var where = result.module ? result.course + ' › ' + result.module : result.course;
    a.appendChild(span('search-where', where));
    a.appendChild(span('search-snippet', result.text, query));
    li.appendChild(a);
    return li;
  }

  function message(total) {
    if (state.failed) return text('search_error');
    if (total === 0 && pending()) return text('search_loading');
    if (total === 0) return text('search_none');
    if (total > shown.length) return text('search_count_some', total, shown.length);
    return text('search_count', total);
  }

  /** The visible note at once; the polite status once typing pauses (each change is read out). */
  function announce(words) {
    note.textContent = words;
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () {
      if (status.textContent !== words) status.textContent = words;
    }, ANNOUNCE_MS);
  }

  function update() {
    var query = input.value;
    var open = state.started && core.parseQuery(query).words.length > 0;
    var results = open ? core.search(index, query) : [];
    shown = results.slice(0, LIMIT);
    shownQuery = query;
    active = -1;
    while (list.firstChild) list.removeChild(list.firstChild);
    shown.forEach(function (result, i) {
      list.appendChild(option(result, i, query));
    });
    announce(open ? message(results.length) : '');
    var extra = remainingBytes();
    allButton.hidden = !(open && extra > 0);
    allButton.textContent =
      text('search_all') + ' (' + Math.max(1, Math.round(extra / 1024)) + ' KB)';
    panel.hidden = !open;
    list.hidden = shown.length === 0;
    input.setAttribute('aria-expanded', String(open && shown.length > 0));
    input.removeAttribute('aria-activedescendant');
  }

  function select(i) {
    if (shown.length === 0) return;
    active = Math.max(-1, Math.min(shown.length - 1, i));
    var options = list.querySelectorAll('[role=option]');
    for (var k = 0; k < options.length; k++) {
      options[k].setAttribute('aria-selected', String(k === active));
    }
    if (active < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    input.setAttribute('aria-activedescendant', options[active].id);
    if (options[active].scrollIntoView) options[active].scrollIntoView({ block: 'nearest' });
  }

  function close() {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function onKey(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (panel.hidden) update();
      select(active + (event.key === 'ArrowDown' ? 1 : -1));
      event.preventDefault();
    } else if (event.key === 'Enter') {
      var chosen = shown[Math.max(active, 0)];
      if (chosen) window.location.href = root + chosen.url;
      event.preventDefault();
    } else if (event.key === 'Escape' && !panel.hidden) {
      close();
      event.preventDefault();
    }
  }

  input.addEventListener('focus', function () {
    start();
    if (input.value) update();
  });
  input.addEventListener('input', update);
  input.addEventListener('keydown', onKey);
  allButton.addEventListener('click', function () {
    loadAll();
    input.focus();
  });
  box.addEventListener('focusout', function (event) {
    if (!event.relatedTarget || !box.contains(event.relatedTarget)) close();
  });

  // The focus and the keystrokes that made search-boot.js load this file came before it ran.
  var focused = document.activeElement === input;
  if (focused || input.value) start();
  if (focused) update();
  else close();
})();
