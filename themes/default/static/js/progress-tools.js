/* progress-tools.js — one job: the learner's own controls over stored progress: the "Người học"
   profile switcher (header select only when there are several profiles), and a panel at the end of
   <main> on the home and course pages to add, rename, switch and delete profiles, download a JSON
   file or make a text code, import either, and reset the current course after a confirmation.
   Called by progress.js as KhoaTools.header(store, data) and KhoaTools.panel(store, data, refresh);
   uses KhoaStore (store.js) and the catalog strings in data.t. */
(function () {
  "use strict";
  var S = window.KhoaStore;

  function P() { return window.KhoaProgress; }
  function current(store) {
    var p = store.profiles();
    return { all: p, me: p.list.filter(function (x) { return x.id === p.cur; })[0] };
  }
  function switchTo(store, id) {
    var p = store.profiles();
    p.cur = id;
    store.setProfiles(p);
    location.reload();
  }
  function select(store, id) {
    var p = store.profiles(), s = P().el("select");
    s.id = id;
    p.list.forEach(function (x) {
      var o = P().el("option", "", P().profileName(x));
      o.value = x.id;
      o.selected = x.id === p.cur;
      s.appendChild(o);
    });
    s.addEventListener("change", function () { switchTo(store, s.value); });
    return s;
  }
  function labelled(text, control) {
    var l = P().el("label", "khoa-field", text + " ");
    l.appendChild(control);
    return l;
  }

  function header(store, D) {
    var bar = document.querySelector(".site-header");
    if (!bar || store.profiles().list.length < 2) return;
    bar.appendChild(labelled(D.t.profile, select(store, "khoa-who")));
  }

  function profiles(store, D, box) {
    var t = D.t, el = P().el, btn = P().button, me = current(store).me;
    var name = el("input");
    name.id = "khoa-profile-name";
    name.maxLength = 60;
    name.value = me.name;
    box.appendChild(labelled(t.profile, select(store, "khoa-profile")));
    box.appendChild(labelled(t.profile_name, name));
    var row = el("p");
    row.appendChild(btn(t.profile_add, function () {
      var p = store.profiles(), id = "p" + Date.now().toString(36);
      p.list.push({ id: id, name: name.value.trim() || t.profile + " " + (p.list.length + 1) });
      store.setProfiles(p);
      switchTo(store, id);
    }));
    row.appendChild(btn(t.profile_rename, function () {
      var p = store.profiles();
      p.list.forEach(function (x) { if (x.id === p.cur) x.name = name.value.trim(); });
      store.setProfiles(p);
      location.reload();
    }));
    if (current(store).all.list.length > 1) {
      row.appendChild(btn(t.profile_delete, function () {
        var p = store.profiles();
        if (!window.confirm(P().fmt(t.profile_delete_confirm, { name: P().profileName(me) }))) return;
        store.dropProfile(p.cur);
        p.list = p.list.filter(function (x) { return x.id !== p.cur; });
        store.setProfiles(p);
        switchTo(store, p.list[0].id);
      }));
    }
    box.appendChild(row);
  }

  function exporter(store, D, box) {
    var t = D.t, el = P().el, btn = P().button;
    function data() { var c = current(store); return S.exportData(D.site, c.me.name, store.courses(c.all.cur)); }
    var code = el("textarea", "khoa-code");
    code.id = "khoa-code";
    code.readOnly = true;
    code.rows = 3;
    var help = labelled(t.export_code_help, code);
    help.hidden = true;
    var copy = btn(t.copy, function () {
      code.select();
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code.value).then(null, function () {});
      else { try { document.execCommand("copy"); } catch (e) { /* the code stays selected for a manual copy */ } }
    });
    copy.hidden = true;
    var row = el("p");
    row.appendChild(btn(t.export_file, function () {
      var a = el("a"), blob = new Blob([JSON.stringify(data(), null, 1)], { type: "application/json" });
      a.href = URL.createObjectURL(blob);
      a.download = "khoa-" + D.site + "-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(a);
      a.click();
      a.parentNode.removeChild(a);
    }));
    row.appendChild(btn(t.export_code, function () {
      code.value = S.encode(data());
      help.hidden = copy.hidden = false;
      code.focus();
      code.select();
    }));
    box.appendChild(row);
    box.appendChild(help);
    box.appendChild(copy);
  }

  function importer(store, D, box, refresh) {
    var t = D.t, el = P().el;
    var input = el("textarea");
    input.id = "khoa-import";
    input.rows = 3;
    var file = el("input");
    file.type = "file";
    file.accept = ".json,application/json";
    file.setAttribute("aria-label", t.import_help);
    var result = el("p", "khoa-import-result");
    result.setAttribute("role", "status");
    function run(text) {
      var r, prof = store.profiles().cur, n = { courses: 0, lessons: 0, answers: 0 };
      try { r = S.readImport(text, D.site); } catch (e) {
        result.textContent = t["import_error_" + e.message] || t.import_error_format;
        return;
      }
      Object.keys(r.courses).forEach(function (c) {
        var s = r.courses[c];
        store.save(prof, c, S.merge(store.load(prof, c), s));
        n.courses++;
        n.lessons += Object.keys(s.lessons).length;
        n.answers += Object.keys(s.answers).length;
      });
      result.textContent = P().fmt(t.import_done, n);
      refresh();
    }
    file.addEventListener("change", function () {
      var f = file.files && file.files[0], reader = new FileReader();
      if (!f) return;
      reader.onload = function () { run(String(reader.result)); };
      reader.readAsText(f);
    });
    box.appendChild(labelled(t.import_help, input));
    var row = el("p");
    row.appendChild(file);
    row.appendChild(P().button(t.import, function () { run(input.value); }));
    box.appendChild(row);
    box.appendChild(result);
  }

  function panel(store, D, refresh) {
    var main = document.querySelector("main");
    if (!main) return;
    var d = P().el("details", "khoa-tools");
    d.appendChild(P().el("summary", "", D.t.tools));
    profiles(store, D, d);
    exporter(store, D, d);
    importer(store, D, d, refresh);
    if (D.page === "course") {
      d.appendChild(P().button(D.t.reset, function () {
        var c = current(store);
        if (!window.confirm(P().fmt(D.t.reset_confirm, { name: P().profileName(c.me) }))) return;
        store.reset(c.all.cur, D.course);
        refresh();
      }, "secondary khoa-reset"));
    }
    main.appendChild(d);
  }

  window.KhoaTools = { header: header, panel: panel };
})();
