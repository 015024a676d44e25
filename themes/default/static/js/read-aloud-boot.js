/* read-aloud-boot.js — one job: show the "Nghe bài" controls of a lesson page only when this
   device has a voice for the language of its text (the lesson's `lang`, else <html lang>), and load the reader itself
   (`_khoa/js/khoa-read.js`: read-aloud.js, joined by src/render/runtime.rs) from `body[data-root]`
   on the first press of its button, so that learners who never listen download none of it. Works
   from file:// (a classic script). If the file cannot load, the next press tries again. */
(function () {
  'use strict';
  var Core = window.KhoaReadCore;
  var synth = window.speechSynthesis;
  var box = document.querySelector('[data-khoa-read]');
  if (!box || !synth || !window.SpeechSynthesisUtterance || !Core) return;
  var lang = document.documentElement.lang || 'vi';
  /* A page not translated yet shows the original's text, marked with its own language. */
  var text = document.querySelector('.lesson-body[lang]');
  var speech = text ? text.getAttribute('lang') : lang;
  var play = box.querySelector('.read-play');

  function findVoice() {
    box.hidden = !Core.voiceFor(synth.getVoices(), speech);
  }

  function load() {
    play.removeEventListener('click', load);
    var script = document.createElement('script');
    script.src = (document.body.getAttribute('data-root') || '') + '_khoa/js/khoa-read.js';
    script.onload = function () {
      window.KhoaReadAloud.start(box, lang);
    };
    script.onerror = function () {
      script.parentNode.removeChild(script);
      play.addEventListener('click', load);
    };
    document.head.appendChild(script);
  }

  play.addEventListener('click', load);
  if (synth.addEventListener) synth.addEventListener('voiceschanged', findVoice);
  findVoice();
})();
