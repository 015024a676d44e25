/* search-core.js — one job: the pure logic of search: parse a query, match it against the index
 * shards that khoa builds (src/search.rs), score, rank and cut snippets. No DOM, no globals read.
 *
 * Shard format (KhoaSearch.add argument): {v: 3, course, title, stamp, modules: [title],
 *   docs: [[url, title, module index, word count]], terms: ["exact folded"|"exact"],
 *   postings: [[doc delta << 6 | tf bucket << 3 | mask]]}, mask bits: title 4, heading 2, body 1,
 *   bucket: log2 of the word's count in the document, 0 to 7.
 * Text format (KhoaSearch.text argument, a file of its own): {v: 3, course, stamp, texts: [text of
 *   each doc]}. Ranking needs only the shard; results carry `text: null` until the course's text
 *   (with the same stamp) is added, in either order.
 * Words: NFC, lowercase, and one tone placement (`khóa` and `khoá` are both `khoá`, as the Rust
 *   `fold::tone_placement` writes the index; tests hold both to the same cases).
 * Matching: a query word matches an indexed word when equal to its exact form (NFC, lowercase) or
 * its folded form (no tone marks, đ → d); the last word also matches as a prefix while typing.
 * Every query word must match (AND). Ranking: more query words typed with tone marks that match
 * with exactly those marks first (a word typed without marks has no marks to match, so it does not
 * prefer unmarked text); then a title that holds the whole query (its words in order, side by side:
 * the title equal to the query first); then the words side by side in the text (once the course's
 * text is there); then title > heading > body, exact over folded, whole words over prefixes,
 * frequency; then how many query words the title holds; then the shorter lesson (its words are
 * more about the query); only then course and lesson order.
 */
(function (root) {
  'use strict';

  var MARKS = markPattern();
  var SPLIT = splitPattern();
  var WEIGHT_TITLE = 16;
  var WEIGHT_HEADING = 5;
  var WEIGHT_BODY = 1;
  var PREFIX_FACTOR = 0.6;
  var VERSION = 3;
  /** The vowels whose tone moves between the two spelling conventions (`oa`, `oe`, `uy`): plain,
   * then grave, acute, hook, tilde, dot. */
  var TONED = [
    'o\u00f2\u00f3\u1ecf\u00f5\u1ecd',
    'u\u00f9\u00fa\u1ee7\u0169\u1ee5',
    'a\u00e0\u00e1\u1ea3\u00e3\u1ea1',
    'e\u00e8\u00e9\u1ebb\u1ebd\u1eb9',
    'y\u1ef3\u00fd\u1ef7\u1ef9\u1ef5',
  ];

  function markPattern() {
    try {
      return new RegExp('\\p{M}', 'gu');
    } catch (_e) {
      return /[\u0300-\u036f]/g;
    }
  }

  function splitPattern() {
    try {
      return new RegExp('[^\\p{L}\\p{N}\\p{M}]+', 'u');
    } catch (_e) {
      return /[\s!-/:-@[-`{-~\u00a0-\u00bf\u2000-\u206f]+/;
    }
  }

  /** NFC and lowercase, like the Rust `fold::lower`. */
  function lower(text) {
    var s = String(text || '');
    return (s.normalize ? s.normalize('NFC') : s).toLowerCase();
  }

  /** Without tone or vowel marks, đ → d, lowercase, like the Rust `fold::fold`. */
  function fold(text) {
    var s = lower(text);
    if (s.normalize) s = s.normalize('NFD').replace(MARKS, '');
    return s.replace(/đ/g, 'd');
  }

  /** [row in TONED, tone] of a lowercase vowel, or null. */
  function toned(c) {
    for (var row = 0; row < TONED.length; row++) {
      var tone = TONED[row].indexOf(c);
      if (tone >= 0 && c !== '') return [row, tone];
    }
    return null;
  }

  /** One tone placement for an NFC lowercase word, like the Rust `fold::tone_placement`: a word
   * ending in `oa`, `oe` or `uy` carries its tone on the second vowel (`khóa` → `khoá`,
   * `thủy` → `thuỷ`). */
  function tonePlacement(word) {
    var n = word.length;
    if (n < 2) return word;
    var first = toned(word.charAt(n - 2));
    var last = toned(word.charAt(n - 1));
    if (!first || !last || last[1] !== 0 || first[1] === 0) return word;
    var pair =
      (first[0] === 0 && (last[0] === 2 || last[0] === 3)) || (first[0] === 1 && last[0] === 4);
    if (!pair) return word;
    return word.slice(0, n - 2) + TONED[first[0]].charAt(0) + TONED[last[0]].charAt(first[1]);
  }

  /** Words of `text`, NFC lowercase, with one tone placement. */
  function tokenize(text) {
    return lower(text)
      .split(SPLIT)
      .filter(function (w) {
        return w.length > 0;
      })
      .map(tonePlacement);
  }

  /** {words: [{exact, folded, prefix}]}; the last word is a prefix unless the query ends in a space. */
  function parseQuery(query) {
    var text = String(query || '');
    var words = tokenize(text);
    var open = words.length > 0 && !/\s$/.test(text);
    return {
      words: words.map(function (w, i) {
        return { exact: w, folded: fold(w), prefix: open && i === words.length - 1 };
      }),
    };
  }

  /** Prepares a shard for matching: splits its terms into their two forms. */
  function prepare(shard) {
    var exact = [];
    var folded = [];
    for (var i = 0; i < shard.terms.length; i++) {
      var parts = shard.terms[i].split(' ');
      exact.push(parts[0]);
      folded.push(parts[1] || parts[0]);
    }
    return { data: shard, exact: exact, folded: folded };
  }

  /** An index over several shards, kept in the order they were added, and their texts by course. */
  function createIndex() {
    return { shards: [], texts: {} };
  }

  /** Gives `prepared` the texts of `text` when both come from the same build. */
  function attach(prepared, text) {
    var docs = prepared.data.docs;
    if (text && text.stamp === prepared.data.stamp && text.texts.length === docs.length) {
      prepared.texts = text.texts;
    }
  }

  /** Adds (or replaces) a course's shard; returns false for a shard of an unknown format. */
  function addShard(index, shard) {
    if (!shard || shard.v !== VERSION || !shard.terms || !shard.postings || !shard.docs) {
      return false;
    }
    index.shards = index.shards.filter(function (s) {
      return s.data.course !== shard.course;
    });
    var prepared = prepare(shard);
    attach(prepared, index.texts[shard.course]);
    index.shards.push(prepared);
    return true;
  }

  /** Adds a course's snippet text, before or after its shard; returns false for an unknown format. */
  function addText(index, text) {
    if (!text || text.v !== VERSION || !Array.isArray(text.texts)) return false;
    index.texts[text.course] = text;
    index.shards.forEach(function (s) {
      if (s.data.course === text.course) attach(s, text);
    });
    return true;
  }

  /** The snippet text of a search result, or null while its course's text is not there. */
  function textOf(index, result) {
    for (var i = 0; i < index.shards.length; i++) {
      var shard = index.shards[i];
      if (shard.data.course === result.courseId && shard.texts) {
        return shard.texts[result.doc];
      }
    }
    return null;
  }

  function fieldScore(value) {
    var mask = value & 7;
    var bucket = (value >> 3) & 7;
    var score = 0;
    if (mask & 4) score += WEIGHT_TITLE;
    if (mask & 2) score += WEIGHT_HEADING;
    if (mask & 1) score += WEIGHT_BODY;
    return score * (1 + bucket * 0.25);
  }

  /** How `term` (two forms) matches query word `w`: {exact: bool, factor} or null. */
  function termMatch(exact, folded, w) {
    if (exact === w.exact) return { exact: true, factor: 1 };
    if (folded === w.folded) return { exact: false, factor: 1 };
    if (!w.prefix) return null;
    if (exact.lastIndexOf(w.exact, 0) === 0) return { exact: true, factor: PREFIX_FACTOR };
    if (folded.lastIndexOf(w.folded, 0) === 0) return { exact: false, factor: PREFIX_FACTOR };
    return null;
  }

  /** For one query word: doc index → {exact: best exact score, any: best score}. */
  function matchWord(shard, w) {
    var hits = {};
    for (var t = 0; t < shard.exact.length; t++) {
      var m = termMatch(shard.exact[t], shard.folded[t], w);
      if (!m) continue;
      var doc = 0;
      var list = shard.data.postings[t];
      for (var p = 0; p < list.length; p++) {
        doc += Math.floor(list[p] / 64);
        var score = fieldScore(list[p]) * m.factor;
        if (!hits[doc]) hits[doc] = { exact: 0, any: 0, title: false };
        var hit = hits[doc];
        if (list[p] & 4) hit.title = true;
        if (m.exact && score > hit.exact) hit.exact = score;
        if (score > hit.any) hit.any = score;
      }
    }
    return hits;
  }

  /** Does `list` (words) hold the query `words` side by side, in order? */
  function holdsPhrase(list, words) {
    for (var i = 0; i + words.length <= list.length; i++) {
      var j = 0;
      while (j < words.length && termMatch(list[i + j], fold(list[i + j]), words[j])) j += 1;
      if (j === words.length) return true;
    }
    return false;
  }

  /** 2 when the title is the query, 1 when it holds the whole query side by side, else 0. */
  function titleMatch(title, words) {
    var list = tokenize(title);
    if (!holdsPhrase(list, words)) return 0;
    return list.length === words.length ? 2 : 1;
  }

  /** Does the document's text (once there) hold the query's words side by side? Compared on
   * folded words, each document's folded text made once and kept. */
  function adjacent(shard, doc, words) {
    if (words.length < 2 || !shard.texts) return false;
    if (!shard.foldedTexts) shard.foldedTexts = [];
    if (shard.foldedTexts[doc] === undefined) {
      shard.foldedTexts[doc] = ' ' + tokenize(shard.texts[doc]).map(fold).join(' ') + ' ';
    }
    var phrase = words.map(function (w) {
      return w.folded;
    });
    var last = words[words.length - 1].prefix ? '' : ' ';
    return shard.foldedTexts[doc].indexOf(' ' + phrase.join(' ') + last) >= 0;
  }

  function searchShard(shard, order, words) {
    var perWord = words.map(function (w) {
      return matchWord(shard, w);
    });
    var found = [];
    Object.keys(perWord[0]).forEach(function (key) {
      var exactWords = 0;
      var score = 0;
      var inTitle = 0;
      for (var i = 0; i < perWord.length; i++) {
        var hit = perWord[i][key];
        if (!hit) return;
        if (hit.exact > 0 && words[i].exact !== words[i].folded) exactWords += 1;
        if (hit.title) inTitle += 1;
        score += Math.max(hit.exact * 1.5, hit.any);
      }
      var doc = shard.data.docs[Number(key)];
      found.push({
        url: doc[0],
        title: doc[1],
        course: shard.data.title,
        courseId: shard.data.course,
        doc: Number(key),
        module: shard.data.modules[doc[2]] || '',
        text: shard.texts ? shard.texts[Number(key)] : null,
        exactWords: exactWords,
        titleMatch: titleMatch(doc[1], words),
        adjacent: adjacent(shard, Number(key), words) ? 1 : 0,
        inTitle: inTitle,
        length: doc[3] || 0,
        score: score,
        order: order * 1e6 + Number(key),
      });
    });
    return found;
  }

  /** Ranked results [{url, title, course, courseId, doc, module, text (null until the course's
   * text is there), exactWords, titleMatch, adjacent, inTitle, score}] for `query`. */
  function search(index, query) {
    var words = parseQuery(query).words;
    if (words.length === 0) return [];
    var results = [];
    index.shards.forEach(function (shard, order) {
      results = results.concat(searchShard(shard, order, words));
    });
    return results.sort(function (a, b) {
      return (
        b.exactWords - a.exactWords ||
        b.titleMatch - a.titleMatch ||
        b.adjacent - a.adjacent ||
        b.score - a.score ||
        b.inTitle - a.inTitle ||
        a.length - b.length ||
        a.order - b.order
      );
    });
  }

  /** Does the NFC-lowercase word `word` match a query word? Words in `strict` match only exactly. */
  function wordMatches(word, words, strict) {
    var folded = fold(word);
    return words.some(function (w, i) {
      var m = termMatch(word, folded, w);
      return m !== null && (m.exact || !strict[i]);
    });
  }

  /** [start, end] of every word of `source`. */
  function wordRanges(source) {
    var ranges = [];
    var re = new RegExp(SPLIT.source, SPLIT.flags.indexOf('u') >= 0 ? 'gu' : 'g');
    var start = 0;
    var m = re.exec(source);
    for (; m !== null && ranges.length < 5000; m = re.exec(source)) {
      if (m.index > start) ranges.push([start, m.index]);
      start = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex += 1;
    }
    if (source.length > start) ranges.push([start, source.length]);
    return ranges;
  }

  /** For each query word: true when it was typed with tone marks and `lowered` (the text's words)
   * holds it with exactly those marks, so its folded look-alikes (toàn for toán) are not marked. */
  function strictWords(lowered, words) {
    return words.map(function (w) {
      if (w.exact === w.folded) return false;
      return lowered.some(function (word) {
        return word === w.exact || (w.prefix && word.lastIndexOf(w.exact, 0) === 0);
      });
    });
  }

  /** Cuts a window of about `size` characters around the matches of `query` in `text`:
   * [{text, mark: bool}], with '…' where text was cut. A word typed with tone marks marks only
   * its exact occurrences when the text has any. */
  function snippet(text, query, size) {
    size = size || 160;
    var words = parseQuery(query).words;
    var source = String(text || '');
    var ranges = wordRanges(source);
    var lowered = ranges.map(function (r) {
      return tonePlacement(lower(source.slice(r[0], r[1])));
    });
    var strict = strictWords(lowered, words);
    var marks = ranges.filter(function (_range, i) {
      return wordMatches(lowered[i], words, strict);
    });
    var from = bestWindow(source, marks, size);
    var to = Math.min(source.length, from + size);
    var parts = [];
    if (from > 0) parts.push({ text: '…', mark: false });
    var at = from;
    marks.forEach(function (r) {
      if (r[0] < from || r[1] > to) return;
      if (r[0] > at) parts.push({ text: source.slice(at, r[0]), mark: false });
      parts.push({ text: source.slice(r[0], r[1]), mark: true });
      at = r[1];
    });
    if (to > at) parts.push({ text: source.slice(at, to), mark: false });
    if (to < source.length) parts.push({ text: '…', mark: false });
    return parts;
  }

  /** Start of the window holding the most marks, backed off to a word boundary. */
  function bestWindow(source, marks, size) {
    if (marks.length === 0) return 0;
    var best = 0;
    var bestCount = 0;
    for (var i = 0; i < marks.length; i++) {
      var count = 0;
      for (var j = i; j < marks.length && marks[j][1] <= marks[i][0] + size; j++) count += 1;
      if (count > bestCount) {
        bestCount = count;
        best = i;
      }
    }
    var from = Math.max(0, marks[best][0] - Math.floor(size / 4));
    if (from === 0) return 0;
    var space = source.indexOf(' ', from);
    return space >= 0 && space < marks[best][0] ? space + 1 : from;
  }

  var KhoaSearchCore = {
    lower: lower,
    fold: fold,
    tonePlacement: tonePlacement,
    tokenize: tokenize,
    parseQuery: parseQuery,
    createIndex: createIndex,
    addShard: addShard,
    addText: addText,
    textOf: textOf,
    search: search,
    snippet: snippet,
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = KhoaSearchCore;
  } else {
    root.KhoaSearchCore = KhoaSearchCore;
  }
})(typeof self !== 'undefined' ? self : this);
