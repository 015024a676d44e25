/* scorm-launch.js — one job: the LMS session of a khoa SCORM package. The launch page (the SCO) finds
   the LMS's API (window.API for SCORM 1.2, API_1484_11 for 2004, on a parent or the opener), initializes
   once, and offers window.KhoaScormSession to the course pages shown in its frame: the saved suspend
   data and put(pairs), which sets values and commits. On pagehide it sets the session time and
   exit, commits and finishes. Without an API there is no session and the pages behave as the site.
   Reads html[data-scorm] (1.2 or 2004) and html[data-course]. */
(function (win) {
  'use strict';
  var Core = win.KhoaScormCore,
    html = win.document.documentElement,
    version = html.getAttribute('data-scorm'),
    n = Core.names(version),
    api = Core.find(win, n.api);
  if (!api || typeof api[n.initialize] !== 'function') return;

  function call(name, a, b) {
    try {
      return String(b === undefined ? api[name](a) : api[name](a, b));
    } catch (_e) {
      return 'false';
    }
  }
  if (call(n.initialize, '') !== 'true') return;

  var started = Date.now(),
    sent = {},
    finished = false;
  function get(element) {
    return call(n.get, element);
  }
  var session = {
    version: version,
    course: html.getAttribute('data-course'),
    limit: n.limit,
    suspend: get('cmi.suspend_data'),
    /* Sets each [element, value] that changed, then commits once */
    put: function (pairs) {
      if (finished) return;
      var changed = false;
      for (var i = 0; i < pairs.length; i++) {
        var element = pairs[i][0],
          value = String(pairs[i][1]);
        if (sent[element] === value) continue;
        if (call(n.set, element, value) === 'true') {
          sent[element] = value;
          changed = true;
          if (element === 'cmi.suspend_data') session.suspend = value;
        }
      }
      if (changed) call(n.commit, '');
    },
  };
  var begun = get(n.status);
  if (begun === 'not attempted' || begun === 'unknown' || begun === '')
    session.put([[n.status, 'incomplete']]);

  win.addEventListener('pagehide', function () {
    if (finished) return;
    var seconds = (Date.now() - started) / 1000;
    call(n.set, n.time, version === '2004' ? Core.time2004(seconds) : Core.time12(seconds));
    call(n.set, n.exit, 'suspend');
    call(n.commit, '');
    finished = true;
    call(n.terminate, '');
  });
  win.KhoaScormSession = session;
})(this);
