/* xapi-core.js — one job: the pure side of xAPI learning records (no DOM, no network, no clock of its own).
   Builds xAPI 1.0.3 statements (verbs under http://adlnet.gov/expapi/verbs/, activities with
   definition.type under …/activities/, questions as cmi.interaction), the statement queue kept in
   storage while the LRS cannot be reached, and its backoff. xapi.js is the browser side.
   Queue record {v:1, q:[statement], n: failures in a row, at: ms before which nothing is sent, lost: dropped}.
   Question (from xapi.js): {id, type, key (quiz-grade.js key), stem, choices:[text], targets:[text], gaps:[[text]]};
   answers as quiz.js sends them (quiz-grade.js lists their shapes). */
(function (root) {
  'use strict';
  var VERBS = 'http://adlnet.gov/expapi/verbs/',
    TYPES = 'http://adlnet.gov/expapi/activities/',
    VERSION = 1,
    MAX_QUEUE = 500,
    BATCH = 20,
    FIRST_DELAY = 2000,
    MAX_DELAY = 300000,
    /* Display names of the verbs: en-US and vi-VN (a reader of the LRS may speak either) */
    SAY = {
      initialized: 'đã bắt đầu',
      experienced: 'đã xem',
      answered: 'đã trả lời',
      completed: 'đã hoàn thành',
      passed: 'đã đạt',
      failed: 'chưa đạt',
    },
    LANGS = { vi: 'vi-VN', en: 'en-US' };

  function hex(n) {
    return (n < 16 ? '0' : '') + n.toString(16);
  }

  /* An RFC 4122 version 4 UUID from 16 random bytes */
  function uuid(bytes) {
    var b = [].slice.call(bytes, 0, 16).map(function (x) {
        return x & 255;
      }),
      s = '';
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    b.forEach(function (x, i) {
      s += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + hex(x);
    });
    return s;
  }

  function langMap(lang, text) {
    var m = {};
    m[LANGS[lang] || lang || 'und'] = String(text || '').slice(0, 500);
    return m;
  }

  function verb(name) {
    return { id: VERBS + name, display: { 'en-US': name, 'vi-VN': SAY[name] || name } };
  }

  /* actor: 'anonymous' (account name = the profile's random id) or 'profile-name' (the profile's name) */
  function agent(mode, home, profile) {
    var named = mode === 'profile-name';
    var a = {
      objectType: 'Agent',
      account: { homePage: home, name: named ? profile.name : profile.anon },
    };
    if (named) a.name = profile.name;
    return a;
  }

  function activity(id, type, name, lang, definition) {
    var d = definition || {};
    d.type = TYPES + type;
    if (name) d.name = langMap(lang, name);
    return { objectType: 'Activity', id: id, definition: d };
  }

  /* ISO 8601 duration of a span in ms, at 0.01 s (xAPI asks for at most that precision) */
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10)),
      h = Math.floor(cs / 360000),
      m = Math.floor((cs % 360000) / 6000),
      s = (cs % 6000) / 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + 'S';
  }

  /* {id, actor, verb, object, timestamp, result?, context?}: the id and time come from the caller */
  function statement(p) {
    var s = {
      id: p.id,
      actor: p.actor,
      verb: verb(p.verb),
      object: p.object,
      timestamp: new Date(p.time).toISOString(),
    };
    if (p.result) s.result = p.result;
    var c = { platform: 'khoa', language: LANGS[p.lang] || p.lang };
    if (p.parent) c.contextActivities = { parent: [p.parent] };
    if (p.course && p.parent && p.course.id !== p.parent.id)
      c.contextActivities.grouping = [p.course];
    s.context = c;
    return s;
  }

  /* 3.4 rather than 3.4000000000000004 */
  function exact(x) {
    return String(Math.round(x * 1e9) / 1e9);
  }

  function list(prefix, texts, lang) {
    return (texts || []).map(function (text, i) {
      return { id: prefix + i, description: langMap(lang, text) };
    });
  }

  /* The cmi.interaction definition of a question: interactionType, correctResponsesPattern where
     khoa's key says it in xAPI's terms, and the choices, items or pairs with their text */
  function interaction(q, lang) {
    var k = q.key || {},
      d = {},
      ids = function (xs, prefix) {
        return xs.map(function (x) {
          return prefix + x;
        });
      };
    switch (q.type) {
      case 'single':
      case 'multiple':
        d.interactionType = 'choice';
        d.choices = list('o', q.choices, lang);
        d.correctResponsesPattern = [ids(k.correct || [], 'o').join('[,]')];
        break;
      case 'text':
        d.interactionType = 'fill-in';
        d.correctResponsesPattern = (k.answers || []).map(function (a) {
          return '{case_matters=false}' + a;
        });
        break;
      case 'number':
        d.interactionType = 'numeric';
        d.correctResponsesPattern = (k.numbers || []).map(function (n) {
          return n[1] ? exact(n[0] - n[1]) + '[:]' + exact(n[0] + n[1]) : String(n[0]);
        });
        break;
      case 'order':
        d.interactionType = 'sequencing';
        d.choices = list('i', q.choices, lang);
        d.correctResponsesPattern = [
          ids(
            (q.choices || []).map(function (_x, i) {
              return i;
            }),
            'i',
          ).join('[,]'),
        ];
        break;
      case 'match':
        d.interactionType = 'matching';
        d.source = list('l', q.choices, lang);
        d.target = list('r', q.targets, lang);
        d.correctResponsesPattern = [
          (k.correct || [])
            .map(function (r, l) {
              return 'l' + l + '[.]r' + r;
            })
            .join('[,]'),
        ];
        break;
      case 'gaps': {
        d.interactionType = 'fill-in';
        var gaps = k.gaps || [];
        var firsts = gaps.map(function (g, i) {
          return g.answers ? g.answers[0] : ((q.gaps || [])[i] || [])[g.choice];
        });
        /* A choice gap's right text is unknown when its labels were not read */
        if (
          gaps.every(function (g, i) {
            return g.answers || typeof firsts[i] === 'string';
          })
        )
          d.correctResponsesPattern = ['{case_matters=false}' + firsts.join('[,]')];
        break;
      }
      default:
        d.interactionType = 'other';
    }
    if (q.stem) d.description = langMap(lang, q.stem);
    return d;
  }

  /* A learner's answer as an xAPI response string for the question's interactionType */
  function response(q, answer) {
    var a = [].concat(answer == null ? [] : answer);
    switch (q.type) {
      case 'single':
      case 'multiple':
      case 'order':
        return a
          .map(function (i) {
            return (q.type === 'order' ? 'i' : 'o') + i;
          })
          .join('[,]');
      case 'number':
        return String(answer).replace(/\s+/g, '').replace(',', '.');
      case 'match':
        return a
          .map(function (r, l) {
            return r == null || r === '' ? '' : 'l' + l + '[.]r' + r;
          })
          .filter(Boolean)
          .join('[,]');
      case 'gaps':
        return a
          .map(function (x, i) {
            var choices = (q.gaps || [])[i];
            return choices && choices.length ? choices[x] || '' : String(x == null ? '' : x);
          })
          .join('[,]');
      default:
        return String(answer == null ? '' : answer);
    }
  }

  function scaled(part, whole) {
    return whole > 0 ? Math.round((10000 * part) / whole) / 10000 : 0;
  }

  /* The answered statement's result from quiz.js's `khoa:answer` detail */
  function answered(q, detail) {
    return {
      success: detail.correct === true,
      response: response(q, detail.answer),
      score: {
        raw: detail.points || 0,
        min: 0,
        max: detail.max || 0,
        scaled: scaled(detail.points || 0, detail.max || 0),
      },
    };
  }

  /* The course verbs due now, given store.js's summary of the course and what was already sent
     ({c: completed sent, r: 'passed'|'failed' last sent}). completed once every lesson is done;
     passed or failed once every question has an answer (failed can turn into passed, never back). */
  function courseVerbs(summary, answeredAll, hasQuestions, sent) {
    var due = [];
    if (summary.total > 0 && summary.done === summary.total && !sent.c) due.push('completed');
    if (hasQuestions && answeredAll) {
      var r = summary.passed ? 'passed' : 'failed';
      if (sent.r !== r && sent.r !== 'passed') due.push(r);
    }
    return due;
  }

  function courseResult(name, summary) {
    var r = { completion: summary.done === summary.total };
    if (name !== 'completed' || summary.max) {
      r.score = { raw: summary.score, min: 0, max: 100, scaled: summary.score / 100 };
    }
    if (name !== 'completed') r.success = name === 'passed';
    return r;
  }

  /* --- the queue --- */

  function isObj(x) {
    return x !== null && typeof x === 'object' && !Array.isArray(x);
  }
  function count(x) {
    return typeof x === 'number' && x > 0 && x < 1e15 ? x : 0;
  }

  /* A stored queue, checked; anything unreadable becomes an empty queue */
  function readQueue(data) {
    var q = { v: VERSION, q: [], n: 0, at: 0, lost: 0 };
    if (!isObj(data) || data.v !== VERSION || !Array.isArray(data.q)) return q;
    q.q = data.q
      .filter(function (s) {
        return isObj(s) && typeof s.id === 'string';
      })
      .slice(-MAX_QUEUE);
    q.n = count(data.n);
    q.at = count(data.at);
    q.lost = count(data.lost) + (data.q.length - q.q.length);
    return q;
  }

  /* Adds statements at the end; past MAX_QUEUE the oldest go (counted in `lost`) */
  function enqueue(queue, statements, max) {
    max = max || MAX_QUEUE;
    queue.q = queue.q.concat(statements);
    if (queue.q.length > max) {
      queue.lost += queue.q.length - max;
      queue.q = queue.q.slice(-max);
    }
    return queue;
  }

  /* The statements to send now ([] while backing off) and how many, oldest first */
  function batch(queue, now, single) {
    return now < queue.at ? [] : queue.q.slice(0, single ? 1 : BATCH);
  }

  /* What an LRS answer to a POST of `n` statements means: 2xx sent; 409 for one statement means a
     statement with its id is already stored (delivered before); 400 for one will never be accepted:
     dropped; either for several: split them up, one at a time, so only that one is concerned;
     anything else (offline, 401, 5xx): retry */
  function outcome(status, n) {
    if (status >= 200 && status < 300) return 'sent';
    if (status === 409 || status === 400)
      return n > 1 ? 'split' : status === 409 ? 'sent' : 'dropped';
    return 'retry';
  }

  /* Backoff after `failures` failures in a row: doubling from 2 s to 5 min, with up to 20% jitter (rand in [0,1)) */
  function delay(failures, rand) {
    var d = Math.min(MAX_DELAY, FIRST_DELAY * 2 ** Math.min(20, Math.max(0, failures - 1)));
    return Math.round(d * (1 + 0.2 * (rand || 0)));
  }

  /* The queue after an attempt to send `ids`: removed when sent or dropped, kept with backoff when not */
  function settle(queue, ids, result, now, rand) {
    if (result === 'sent' || result === 'dropped') {
      var gone = {};
      ids.forEach(function (id) {
        gone[id] = 1;
      });
      queue.q = queue.q.filter(function (s) {
        return !gone[s.id];
      });
      if (result === 'dropped') queue.lost += ids.length;
      queue.n = 0;
      queue.at = 0;
    } else if (result === 'retry') {
      queue.n += 1;
      queue.at = now + delay(queue.n, rand);
    }
    return queue;
  }

  var api = {
    uuid: uuid,
    verb: verb,
    agent: agent,
    activity: activity,
    duration: duration,
    statement: statement,
    interaction: interaction,
    response: response,
    answered: answered,
    courseVerbs: courseVerbs,
    courseResult: courseResult,
    readQueue: readQueue,
    enqueue: enqueue,
    batch: batch,
    outcome: outcome,
    delay: delay,
    settle: settle,
    MAX_QUEUE: MAX_QUEUE,
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.KhoaXapiCore = api;
})(this);
