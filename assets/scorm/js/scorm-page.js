/* scorm-page.js — one job: a course page of a SCORM package reads and saves progress through the
   launch page's session (scorm-launch.js), so that inside an LMS the LMS is the source of truth: the
   course's progress is loaded from cmi.suspend_data, and every save also sets the lesson status,
   score, location and suspend data. Wraps KhoaStore.open (store-storage.js) before progress.js opens
   the store on DOMContentLoaded. Without a session (no LMS, or the page opened alone) it does nothing. */
(function (win) {
  'use strict';
  var Core = win.KhoaScormCore,
    Store = win.KhoaStore,
    session = win.parent !== win ? Core.find(win.parent, 'KhoaScormSession') : null;
  if (!session || !Store || typeof Store.open !== 'function') return;
  var course = session.course;

  function report(site, state) {
    var outline = (win.KhoaCourses || {})[course];
    if (!outline) return;
    var pairs = Core.values(session.version, Store.summary(state, outline), outline, state);
    var now = Math.floor(Date.now() / 1000),
      text = Core.fitSuspend(Store, state, site, course, now, session.limit);
    pairs.push(['cmi.suspend_data', text]);
    session.put(pairs);
  }

  var open = Store.open;
  Store.open = function (guarded, site) {
    var store = open(guarded, site),
      load = store.load,
      save = store.save;
    store.load = function (profile, id) {
      if (id !== course) return load(profile, id);
      var outline = (win.KhoaCourses || {})[course];
      return Core.readSuspend(Store, session.suspend, course, outline) || Store.fresh();
    };
    store.save = function (profile, id, state) {
      var saved = save(profile, id, state);
      if (id === course) report(site, JSON.parse(JSON.stringify(state)));
      return saved;
    };
    return store;
  };
})(this);
