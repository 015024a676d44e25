/* progress.js — one job: record progress and show it (DOM side of store.js), plus the learner's
   controls (profile switcher, export/import, reset). Reads #khoa-data, body[data-root], KhoaCourses
   (_khoa/data/<course>.js), .course-card[data-course-id], .course-actions a.start-link,
   section.module li.lesson-item[data-lesson-id], nav.pager, completion.html #completion* ids.
   Listens to `khoa:answer`; calls KhoaQuiz.restore. */
(function () {
  "use strict";
  var S = window.KhoaStore, D, t, root, store, prof, course;

  function $(sel, from) { return (from || document).querySelector(sel); }
  function all(sel, from) { return [].slice.call((from || document).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function button(text, fn, cls) {
    var b = el("button", cls || "secondary", text);
    b.type = "button";
    b.addEventListener("click", fn);
    return b;
  }
  function fmt(s, o) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return o[k]; }); }
  function outline(id) { return (window.KhoaCourses || {})[id]; }
  function before(node, ref) { ref.parentNode.insertBefore(node, ref); }

  function notice() {
    var main = $("main");
    if ($(".khoa-notice") || !main) return;
    var p = el("p", "khoa-notice", t.storage_off);
    p.setAttribute("role", "status");
    main.insertBefore(p, main.firstChild);
  }

  function bar(sum) {
    var box = el("div", "khoa-bar khoa-gen"), p = el("progress");
    p.max = 100;
    p.value = sum.percent;
    p.setAttribute("aria-label", t.progress);
    box.appendChild(p);
    box.appendChild(el("span", "", fmt(t.progress_count, sum)));
    return box;
  }

  /* start link -> "continue" to the last lesson visited */
  function continueLink(a, o, state) {
    if (!a) return;
    var start = a.getAttribute("data-start") || a.getAttribute("href");
    var l = o.lessons.filter(function (x) { return x[0] === state.last; })[0];
    a.setAttribute("data-start", start);
    a.setAttribute("href", l ? root + l[1] : start);
    a.textContent = l ? t["continue"] : t.start;
  }

  function lessonPage() {
    var id = D.lesson, qs = D.questions || [], state = store.load(prof, course), box = el("section", "khoa-lesson-state");
    var o = { pass: 0, lessons: [[id, "", qs.map(function (q) { return [q.id, q.points]; })]] };
    store.save(prof, course, S.visit(state, id));
    box.setAttribute("aria-live", "polite");
    if ($("nav.pager")) before(box, $("nav.pager"));
    else $("main").appendChild(box);
    function render(focus) {
      var sum = S.summary(state, o), done = sum.marks[id] === "done", p = el("p", "", t.lesson_state + ": " + (done ? "✓ " + t.status_done : t.status_visited));
      box.textContent = "";
      box.appendChild(p);
      if (sum.max) box.appendChild(el("p", "", t.lesson_score + ": " + Math.round(sum.earned * 10) / 10 + "/" + sum.max));
      if (!done && (D.complete === "read" || !qs.length)) {
        box.appendChild(button(t.mark_done, function () {
          state = S.done(store.load(prof, course), id);
          store.save(prof, course, state);
          render(true);
        }, "khoa-done"));
      }
      if (focus) { p.tabIndex = -1; p.focus(); }
    }
    qs.forEach(function (q) {
      var a = state.answers[q.id];
      try { if (a && "a" in a) window.KhoaQuiz.restore(q.id, a.a); } catch (e) { /* the form stays blank */ }
    });
    document.addEventListener("khoa:answer", function (e) {
      var d = e.detail;
      if (!d || typeof d.question !== "string") return;
      state = S.answer(store.load(prof, course), d);
      var right = qs.every(function (q) { return (state.answers[q.id] || {}).ok; });
      if (D.complete !== "read" && qs.length && right) S.done(state, id);
      store.save(prof, course, state);
      render();
    });
    render();
  }

  function coursePage() {
    var o = outline(course), actions = $(".course-actions");
    if (!o) return;
    var state = store.load(prof, course), sum = S.summary(state, o);
    all("li.lesson-item").forEach(function (li) {
      var m = sum.marks[li.getAttribute("data-lesson-id")] || "new", icon = el("span", "khoa-mark khoa-gen khoa-" + m, m === "done" ? "✓" : m === "new" ? "○" : "◐");
      icon.setAttribute("aria-hidden", "true");
      li.insertBefore(icon, li.firstChild);
      li.appendChild(el("span", "khoa-sr khoa-gen", " (" + t["status_" + m] + ")"));
    });
    all("section.module").forEach(function (m) {
      var ids = all("li.lesson-item", m).map(function (li) { return li.getAttribute("data-lesson-id"); });
      var part = { lessons: o.lessons.filter(function (l) { return ids.indexOf(l[0]) >= 0; }) };
      m.insertBefore(bar(S.summary(state, part)), $(".lesson-list", m));
    });
    if (!actions) return;
    before(bar(sum), actions);
    continueLink($("a.start-link", actions), o, state);
    if (sum.complete) {
      var a = el("a", "button secondary khoa-gen khoa-completion-link", t.completion_link);
      a.href = "completion.html";
      actions.appendChild(a);
    }
  }

  function homePage() {
    all("article.course-card").forEach(function (card) {
      var id = card.getAttribute("data-course-id"), o = outline(id), actions = $(".course-actions", card);
      if (!o || !actions) return;
      var state = store.load(prof, id);
      before(bar(S.summary(state, o)), actions);
      continueLink($("a.start-link", actions), o, state);
    });
  }

  function completionPage() {
    var o = outline(course), box = $("#completion-missing"), cert = $("#completion");
    if (!o || !box || !cert) return;
    var sum = S.summary(store.load(prof, course), o);
    if (!sum.complete) {
      box.hidden = false;
      if (sum.missing.length) box.insertBefore(el("p", "", fmt(t.completion_missing, { n: sum.missing.length })), box.firstChild);
      sum.missing.forEach(function (l) {
        all("li[data-lesson-id]", box).forEach(function (li) { if (li.getAttribute("data-lesson-id") === l[0]) li.hidden = false; });
      });
      if (!sum.passed) box.appendChild(el("p", "", fmt(t.completion_low_score, { score: sum.score, pass: o.pass })));
      return;
    }
    cert.hidden = false;
    var input = $("#learner-name"), me = store.profiles().list.filter(function (x) { return x.id === prof; })[0];
    function show() { $("#certificate-name").textContent = input.value.trim() || "\u00a0"; }
    input.value = me.name;
    input.addEventListener("input", show);
    show();
    $("#certificate-score").textContent = sum.score + "%";
    $("#certificate-date").textContent = new Date(sum.finished * 1000).toLocaleDateString(D.lang);
    $("#completion-print").addEventListener("click", function () { window.print(); });
  }

  function refresh() {
    all(".khoa-gen").forEach(function (e) { e.parentNode.removeChild(e); });
    if (D.page === "course") coursePage();
    else homePage();
  }

  function me() {
    var p = store.profiles();
    return p.list.filter(function (x) { return x.id === p.cur; })[0];
  }
  function name(x) { return x.name || t.profile_default; }
  function change(fn) {
    var p = store.profiles();
    fn(p);
    store.setProfiles(p);
    location.reload();
  }
  function field(text, control, id) {
    var l = el("label", "khoa-field", text + " ");
    control.id = id;
    l.appendChild(control);
    return l;
  }
  function select(id) {
    var p = store.profiles(), s = el("select");
    p.list.forEach(function (x) {
      var o = el("option", "", name(x));
      o.value = x.id;
      o.selected = x.id === p.cur;
      s.appendChild(o);
    });
    s.addEventListener("change", function () { change(function (p) { p.cur = s.value; }); });
    return field(t.profile, s, id);
  }
  function row(box, items) {
    var p = el("p");
    items.forEach(function (i) { if (i) p.appendChild(i); });
    box.appendChild(p);
  }

  function header() {
    var bar = $(".site-header");
    if (bar && store.profiles().list.length > 1) bar.appendChild(select("khoa-who"));
  }

  function profiles(box) {
    var input = el("input");
    input.maxLength = 60;
    input.value = me().name;
    box.appendChild(select("khoa-profile"));
    box.appendChild(field(t.profile_name, input, "khoa-profile-name"));
    row(box, [
      button(t.profile_add, function () {
        change(function (p) {
          p.cur = "p" + Date.now().toString(36);
          p.list.push({ id: p.cur, name: input.value.trim() || t.profile + " " + (p.list.length + 1) });
        });
      }),
      button(t.profile_rename, function () {
        change(function (p) { p.list.forEach(function (x) { if (x.id === p.cur) x.name = input.value.trim(); }); });
      }),
      store.profiles().list.length > 1 && button(t.profile_delete, function () {
        if (!window.confirm(fmt(t.profile_delete_confirm, { name: name(me()) }))) return;
        change(function (p) {
          store.dropProfile(p.cur);
          p.list = p.list.filter(function (x) { return x.id !== p.cur; });
        });
      })
    ]);
  }

  function exporter(box) {
    var code = el("textarea"), copy;
    function data() { return S.exportData(D.site, me().name, store.courses(store.profiles().cur)); }
    code.readOnly = true;
    code.rows = 3;
    var help = field(t.export_code_help, code, "khoa-code");
    help.hidden = true;
    copy = button(t.copy, function () {
      code.select();
      try { navigator.clipboard.writeText(code.value).then(null, function () {}); } catch (e) { document.execCommand("copy"); }
    });
    copy.hidden = true;
    row(box, [
      button(t.export_file, function () {
        var a = el("a");
        a.href = URL.createObjectURL(new Blob([JSON.stringify(data())], { type: "application/json" }));
        a.download = "khoa-" + D.site + "-" + new Date().toISOString().slice(0, 10) + ".json";
        document.body.appendChild(a);
        a.click();
        a.parentNode.removeChild(a);
      }),
      button(t.export_code, function () {
        code.value = S.encode(data());
        help.hidden = copy.hidden = false;
        code.select();
      })
    ]);
    box.appendChild(help);
    box.appendChild(copy);
  }

  function importer(box) {
    var input = el("textarea"), file = el("input"), result = el("p", "khoa-import-result");
    input.rows = 3;
    file.type = "file";
    file.accept = ".json,application/json";
    file.setAttribute("aria-label", t.import_help);
    result.setAttribute("role", "status");
    function run(text) {
      var r, cur = store.profiles().cur, n = { courses: 0, lessons: 0, answers: 0 };
      try { r = S.readImport(text, D.site); } catch (e) { result.textContent = t["import_error_" + e.message]; return; }
      Object.keys(r.courses).forEach(function (c) {
        var s = r.courses[c];
        store.save(cur, c, S.merge(store.load(cur, c), s));
        n.courses++;
        n.lessons += Object.keys(s.lessons).length;
        n.answers += Object.keys(s.answers).length;
      });
      result.textContent = fmt(t.import_done, n);
      refresh();
    }
    file.addEventListener("change", function () {
      var reader = new FileReader();
      reader.onload = function () { run(reader.result); };
      if (file.files[0]) reader.readAsText(file.files[0]);
    });
    box.appendChild(field(t.import_help, input, "khoa-import"));
    row(box, [file, button(t.import, function () { run(input.value); })]);
    box.appendChild(result);
  }

  function panel() {
    var main = $("main"), d = el("details", "khoa-tools");
    if (!main) return;
    d.appendChild(el("summary", "", t.tools));
    profiles(d);
    exporter(d);
    importer(d);
    if (D.page === "course") {
      d.appendChild(button(t.reset, function () {
        if (!window.confirm(fmt(t.reset_confirm, { name: name(me()) }))) return;
        store.reset(store.profiles().cur, D.course);
        refresh();
      }, "secondary khoa-reset"));
    }
    main.appendChild(d);
  }

  function init() {
    try { D = JSON.parse($("#khoa-data").textContent); } catch (e) { return; }
    if (!S || !D || !D.site) return;
    t = D.t || {};
    root = document.body.getAttribute("data-root") || "";
    course = D.course;
    var g = S.guard(function () { return window.localStorage; });
    g.onfail = notice;
    store = S.open(g, D.site);
    if (!g.ok) notice();
    else if (navigator.storage && navigator.storage.persist) navigator.storage.persist().then(null, function () {});
    prof = store.profiles().cur;
    header();
    if (D.page === "lesson") lessonPage();
    if (D.page === "completion") completionPage();
    if (D.page === "course" || D.page === "home") {
      refresh();
      panel();
    }
  }

  document.addEventListener("DOMContentLoaded", init);
})();
