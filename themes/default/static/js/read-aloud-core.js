/* read-aloud-core.js — one job: the pure part of read-aloud (KhoaReadCore): which voice speaks a
   language (a voice on this device only: nothing read aloud leaves it), and a block's text cut
   into utterances short enough for speech engines to read whole. */
(function (root) {
  'use strict';

  /* The first local voice whose language is `lang` ('vi' matches 'vi-VN' and 'vi_VN'), or null. */
  function voiceFor(voices, lang) {
    var want = String(lang || '')
      .toLowerCase()
      .split(/[-_]/)[0];
    var local = [].slice.call(voices || []).filter(function (voice) {
      var tag = String(voice.lang || '')
        .toLowerCase()
        .split(/[-_]/)[0];
      return want && tag === want && voice.localService !== false;
    });
    return local[0] || null;
  }

  /* `text` with its spaces folded, cut at sentence ends into pieces of at most `max` characters
     (a sentence longer than that is cut at a space). */
  function pieces(text, max) {
    max = max || 220;
    var clean = String(text).replace(/\s+/g, ' ').trim();
    var out = [];
    var current = '';
    function flush() {
      if (current) out.push(current);
      current = '';
    }
    (clean.match(/[^.!?…]+(?:[.!?…]+["')\]]*|$)/g) || []).forEach(function (sentence) {
      sentence = sentence.trim();
      if (!sentence) return;
      if (current && current.length + 1 + sentence.length > max) flush();
      while (sentence.length > max) {
        flush();
        var cut = sentence.lastIndexOf(' ', max);
        if (cut < max / 2) cut = max;
        out.push(sentence.slice(0, cut).trim());
        sentence = sentence.slice(cut).trim();
      }
      current = current ? current + ' ' + sentence : sentence;
    });
    flush();
    return out;
  }

  var api = { voiceFor: voiceFor, pieces: pieces };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.KhoaReadCore = api;
})(this);
