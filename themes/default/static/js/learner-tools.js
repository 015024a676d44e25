/* learner-tools.js — one job: the learner's tools on the home and course pages: the profile switcher in the
   header, profiles (add, rename, delete), export as a file or a text code, import, and resetting a course.
   progress.js calls KhoaTools.header(context) and KhoaTools.panel(context) with its store and page data. */
(function (root) {
  'use strict';
  var Dom = root.KhoaDom,
    $ = Dom.$,
    el = Dom.el,
    button = Dom.button,
    format = Dom.format,
    Store = root.KhoaStore,
    store,
    data,
    ui,
    profileId,
    courseId,
    refresh;

  /* context: {store, data, ui, profileId, courseId, refresh} from progress.js */
  function attach(context) {
    store = context.store;
    data = context.data;
    ui = context.ui;
    profileId = context.profileId;
    courseId = context.courseId;
    refresh = context.refresh;
  }

  function me() {
    return store.current();
  }
  function profileName(profile) {
    return profile.name || ui.profile_default;
  }
  function changeProfiles(edit) {
    store.editProfiles(edit);
    location.reload();
  }
  function field(text, control, id) {
    var label = el('label', 'khoa-field', text + ' ');
    control.id = id;
    label.appendChild(control);
    return label;
  }
  function profileSelect(id) {
    var profiles = store.profiles(),
      select = el('select'),
      label;
    profiles.list.forEach(function (p) {
      var option = el('option', '', profileName(p));
      option.value = p.id;
      option.selected = p.id === profiles.cur;
      select.appendChild(option);
    });
    select.addEventListener('change', function () {
      changeProfiles(function (profiles) {
        profiles.cur = select.value;
      });
    });
    label = field(ui.profile, select, id);
    label.classList.add('khoa-profiles');
    return label;
  }
  function row(box, items) {
    var line = el('p');
    items.forEach(function (item) {
      if (item) line.appendChild(item);
    });
    box.appendChild(line);
  }

  /* The switcher in the header only once there is more than one learner */
  function header() {
    var bar = $('.site-header');
    if (bar && store.storage.ok && store.profiles().list.length > 1)
      bar.appendChild(profileSelect('_khoa-who'));
  }

  function profileTools(panel) {
    var input = el('input'),
      box = el('div', 'khoa-profiles');
    if (!store.storage.ok) return;
    input.maxLength = 60;
    input.value = me().name;
    panel.appendChild(box);
    box.appendChild(profileSelect('_khoa-profile'));
    box.appendChild(field(ui.profile_name, input, '_khoa-profile-name'));
    row(box, [
      button(ui.profile_add, function () {
        changeProfiles(function (profiles) {
          profiles.cur = 'p' + Date.now().toString(36);
          profiles.list.push({
            id: profiles.cur,
            name: input.value.trim() || ui.profile + ' ' + (profiles.list.length + 1),
          });
        });
      }),
      button(ui.profile_rename, function () {
        changeProfiles(function (profiles) {
          profiles.list.forEach(function (p) {
            if (p.id === profiles.cur) p.name = input.value.trim();
          });
        });
      }),
      store.profiles().list.length > 1 &&
        button(ui.profile_delete, function () {
          if (!window.confirm(format(ui.profile_delete_confirm, { name: profileName(me()) })))
            return;
          changeProfiles(function (profiles) {
            store.dropProfile(profiles.cur);
            profiles.list = profiles.list.filter(function (p) {
              return p.id !== profiles.cur;
            });
          });
        }),
    ]);
  }

  function exporter(box) {
    var code = el('textarea');
    function exported() {
      return Store.exportData(data.site, me().name, store.courses(profileId));
    }
    code.readOnly = true;
    code.rows = 3;
    var help = field(ui.export_code_help, code, '_khoa-code'),
      copy = button(ui.copy, function () {
        code.select();
        try {
          navigator.clipboard.writeText(code.value).then(null, function () {});
        } catch (_e) {
          document.execCommand('copy');
        }
      });
    help.hidden = copy.hidden = true;
    row(box, [
      button(ui.export_file, function () {
        var link = el('a');
        link.href = URL.createObjectURL(
          new Blob([JSON.stringify(exported())], { type: 'application/json' }),
        );
        link.download = 'khoa-' + data.site + '-' + new Date().toISOString().slice(0, 10) + '.json';
        document.body.appendChild(link);
        link.click();
        link.parentNode.removeChild(link);
      }),
      button(ui.export_code, function () {
        Store.encode(exported()).then(function (text) {
          code.value = text;
          help.hidden = copy.hidden = false;
          code.select();
        });
      }),
    ]);
    box.appendChild(help);
    box.appendChild(copy);
  }

  function importer(box) {
    var input = el('textarea'),
      file = el('input'),
      result = el('p', 'khoa-import-result');
    input.rows = 3;
    file.type = 'file';
    file.accept = '.json,application/json';
    file.setAttribute('aria-label', ui.import_help);
    result.setAttribute('role', 'status');
    function merge(read) {
      var count = { courses: 0, lessons: 0, answers: 0 };
      Object.keys(read.courses).forEach(function (id) {
        var state = read.courses[id];
        store.save(profileId, id, Store.merge(store.load(profileId, id), state));
        count.courses++;
        count.lessons += Object.keys(state.lessons).length;
        count.answers += Object.keys(state.answers).length;
      });
      result.textContent = format(ui.import_done, count);
      refresh();
    }
    function run(text) {
      Store.readImport(text, data.site).then(merge, function (e) {
        result.textContent = ui['import_error_' + e.message];
      });
    }
    file.addEventListener('change', function () {
      var reader = new FileReader();
      reader.onload = function () {
        run(reader.result);
      };
      if (file.files[0]) reader.readAsText(file.files[0]);
    });
    box.appendChild(field(ui.import_help, input, '_khoa-import'));
    row(box, [
      file,
      button(ui.import, function () {
        run(input.value);
      }),
    ]);
    box.appendChild(result);
  }

  function toolsPanel() {
    var main = $('main'),
      panel = el('details', 'khoa-tools');
    if (!main) return;
    panel.appendChild(el('summary', '', ui.tools));
    profileTools(panel);
    exporter(panel);
    importer(panel);
    if (data.page === 'course') {
      panel.appendChild(
        button(
          ui.reset,
          function () {
            if (!window.confirm(format(ui.reset_confirm, { name: profileName(me()) }))) return;
            store.reset(profileId, courseId);
            refresh();
          },
          'secondary khoa-reset',
        ),
      );
    }
    main.appendChild(panel);
  }

  root.KhoaTools = {
    header: function (context) {
      attach(context);
      header();
    },
    panel: function (context) {
      attach(context);
      toolsPanel();
    },
  };
})(this);
