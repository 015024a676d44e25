/* progress.js — one job: record the learner's progress and show it in the page (DOM side of store.js).
   Reads #khoa-data {site, page, lang, t, course, lesson, questions, complete}, body[data-root], the
   course outlines that _khoa/data/<course>.js scripts put in window.KhoaCourses, and this markup:
   home article.course-card[data-course-id] a.start-link; course li.lesson-item[data-lesson-id] inside
   section.module, .course-actions a.start-link; lesson nav.pager; completion #completion,
   #completion-missing li[data-lesson-id], #learner-name, #certificate-name|score|date, #completion-print.
   Listens to `khoa:answer` (quiz.js) and calls KhoaQuiz.restore(id, answer) for stored answers.
   Every text it adds comes from the catalog (t) or the learner, inserted as text. */
(function () {
  "use strict";
  var S = window.KhoaStore, D, t, root, store, prof, course;

  function $(sel, from) { return (from || document).querySelector(sel); }
  function all(sel, from) { return Array.prototype.slice.call((from || document).querySelectorAll(sel)); }
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
  function fmt(s, o) { return String(s || "").replace(/\{(\w+)\}/g, function (m, k) { return o[k]; }); }
  function outline(id) { return (window.KhoaCourses || {})[id]; }
  function lessonUrl(o, id) {
    var l = (o.lessons || []).filter(function (x) { return x[0] === id; })[0];
    return l ? root + l[1] : null;
  }
  function profileName(p) { return p.name || t.profile_default; }

  function notice() {
    if ($(".khoa-notice")) return;
    var p = el("p", "khoa-notice", t.storage_off);
    p.setAttribute("role", "status");
    var main = $("main");
    if (main) main.insertBefore(p, main.firstChild);
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

  function mark(status) {
    var m = el("span", "khoa-mark khoa-gen khoa-" + (status || "new"), status === "done" ? "✓" : status ? "◐" : "○");
    m.setAttribute("aria-hidden", "true");
    var text = el("span", "khoa-sr khoa-gen", " (" + t["status_" + (status || "new")] + ")");
    return [m, text];
  }

  /* The start link becomes "continue" to the last lesson visited, if there is one. */
  function continueLink(a, o, state) {
    if (!a) return;
    if (!a.getAttribute("data-start")) a.setAttribute("data-start", a.getAttribute("href"));
    var url = state.last && lessonUrl(o, state.last);
    a.setAttribute("href", url || a.getAttribute("data-start"));
    a.textContent = url ? t["continue"] : t.start;
  }

  function lessonPage() {
    var id = D.lesson, qs = D.questions || [], state = store.load(prof, course);
    var o = { pass: 0, lessons: [[id, "", qs.map(function (q) { return [q.id, q.points]; })]] };
    store.save(prof, course, S.visit(state, id));
    var box = el("section", "khoa-lesson-state");
    box.setAttribute("aria-live", "polite");
    var pager = $("nav.pager");
    pager ? pager.parentNode.insertBefore(box, pager) : $("main").appendChild(box);
    function render() {
      var sum = S.summary(state, o), done = sum.marks[id] === "done";
      box.textContent = "";
      box.appendChild(el("p", "", t.lesson_state + ": " + (done ? "✓ " + t.status_done : t.status_visited)));
      if (sum.max) box.appendChild(el("p", "", t.lesson_score + ": " + +sum.earned.toFixed(1) + "/" + sum.max));
      if (!done && (D.complete === "read" || !qs.length)) {
        box.appendChild(button(t.mark_done, function () {
          state = store.load(prof, course);
          store.save(prof, course, S.done(state, id));
          render();
          var first = box.querySelector("p");
          first.setAttribute("tabindex", "-1");
          first.focus();
        }, "khoa-done"));
      }
    }
    if (window.KhoaQuiz && KhoaQuiz.restore) {
      qs.forEach(function (q) {
        var a = state.answers[q.id];
        if (a && "a" in a) { try { KhoaQuiz.restore(q.id, a.a); } catch (e) { /* a changed question keeps its blank form */ } }
      });
    }
    document.addEventListener("khoa:answer", function (e) {
      var d = e.detail;
      if (!d || typeof d.question !== "string") return;
      state = S.answer(store.load(prof, course), d);
      var allRight = qs.every(function (q) { return state.answers[q.id] && state.answers[q.id].ok; });
      if (D.complete !== "read" && qs.length && allRight) S.done(state, id);
      store.save(prof, course, state);
      render();
    });
    render();
  }

  function coursePage() {
    var o = outline(course);
    if (!o) return;
    var state = store.load(prof, course), sum = S.summary(state, o);
    all("li.lesson-item").forEach(function (li) {
      mark(sum.marks[li.getAttribute("data-lesson-id")]).forEach(function (m, i) {
        i ? li.appendChild(m) : li.insertBefore(m, li.firstChild);
      });
    });
    all("section.module").forEach(function (m) {
      var ids = all("li.lesson-item", m).map(function (li) { return li.getAttribute("data-lesson-id"); });
      var part = S.summary(state, { lessons: o.lessons.filter(function (l) { return ids.indexOf(l[0]) >= 0; }) });
      m.insertBefore(bar(part), $(".lesson-list", m));
    });
    var actions = $(".course-actions");
    if (!actions) return;
    actions.parentNode.insertBefore(bar(sum), actions);
    continueLink($("a.start-link", actions), o, state);
    if (sum.complete) {
      var a = el("a", "button secondary khoa-gen khoa-completion-link", t.completion_link);
      a.href = "completion.html";
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(a);
    }
  }

  function homePage() {
    all("article.course-card").forEach(function (card) {
      var id = card.getAttribute("data-course-id"), o = outline(id), actions = $(".course-actions", card);
      if (!o || !actions) return;
      var state = store.load(prof, id);
      actions.parentNode.insertBefore(bar(S.summary(state, o)), actions);
      continueLink($("a.start-link", actions), o, state);
    });
  }

  function completionPage() {
    var o = outline(course);
    if (!o) return;
    var sum = S.summary(store.load(prof, course), o), box;
    if (!sum.complete) {
      box = $("#completion-missing");
      if (!box) return;
      box.hidden = false;
      if (sum.missing.length) {
        box.insertBefore(el("p", "", fmt(t.completion_missing, { n: sum.missing.length })), box.firstChild);
        sum.missing.forEach(function (l) {
          var li = $('li[data-lesson-id="' + l[0].replace(/["\\]/g, "\\$&") + '"]', box);
          if (li) li.hidden = false;
        });
      }
      if (!sum.passed) box.appendChild(el("p", "", fmt(t.completion_low_score, { score: sum.score, pass: o.pass })));
      return;
    }
    box = $("#completion");
    if (!box) return;
    box.hidden = false;
    var input = $("#learner-name"), name = $("#certificate-name");
    var p = store.profiles().list.filter(function (x) { return x.id === prof; })[0];
    input.value = (p && p.name) || "";
    function show() { name.textContent = input.value.trim() || "\u00a0"; }
    input.addEventListener("input", show);
    show();
    $("#certificate-score").textContent = sum.score + "%";
    var date = new Date(sum.finished * 1000);
    try { $("#certificate-date").textContent = date.toLocaleDateString(D.lang); } catch (e) { $("#certificate-date").textContent = date.toISOString().slice(0, 10); }
    var print = $("#completion-print");
    if (print) print.addEventListener("click", function () { window.print(); });
  }

  function refresh() {
    all(".khoa-gen").forEach(function (e) { e.parentNode.removeChild(e); });
    if (D.page === "course") coursePage();
    else homePage();
  }

  function init() {
    var node = document.getElementById("khoa-data");
    try { D = JSON.parse(node.textContent); } catch (e) { return; }
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
    if (window.KhoaTools) KhoaTools.header(store, D);
    if (D.page === "lesson") lessonPage();
    if (D.page === "completion") completionPage();
    if (D.page === "course" || D.page === "home") {
      refresh();
      if (window.KhoaTools) KhoaTools.panel(store, D, refresh);
    }
  }

  window.KhoaProgress = { fmt: fmt, el: el, button: button, profileName: function (p) { return profileName(p); } };
  document.addEventListener("DOMContentLoaded", init);
})();
