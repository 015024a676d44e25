/* read-aloud.js — one job: the "Nghe bài" reader of a lesson page (div[data-khoa-read] in
   lesson.html: .read-play, .read-pause, .read-stop, .read-speed select), loaded by
   read-aloud-boot.js on the first press of .read-play, which then calls KhoaReadAloud.start. Reads
   the lesson aloud with the browser's speechSynthesis in the text's language (the lesson's `lang`,
   else <html lang>; the buttons speak the page's): headings, prose and
   quiz stems of article.lesson-body, never code, navigation or quiz answers. The block being read
   gets the class `read-now` and is scrolled into view. Reading stops if the voice goes away. Uses
   KhoaReadCore; no network, no library. */
(function () {
  'use strict';
  var Core = window.KhoaReadCore;
  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd,blockquote,th,td,figcaption,.quiz-stem';
  var SKIP =
    'pre,nav,select,input,textarea,script,.lesson-tools,.quiz-answers,.quiz-reveal,.quiz-actions,.quiz-result,.quiz-hints,.quiz-feedback,.quiz-explanation,.quiz-score,.quiz-mark,.khoa-lesson-state,[aria-hidden=true]';
  var synth, box, lang, speech, voice, queue, current;
  var at = 0;
  var run = 0;
  var paused = false;

  function $(selector) {
    return box.querySelector(selector);
  }

  /* The blocks to read, in page order: each once (a paragraph inside a list item is read with it). */
  function blocks(article) {
    return [].slice.call(article.querySelectorAll(BLOCKS)).filter(function (el) {
      var outer = el.parentElement.closest(BLOCKS);
      return !el.closest(SKIP) && !(outer && article.contains(outer));
    });
  }

  function textOf(node) {
    var text = '';
    for (var child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) text += child.nodeValue;
      else if (child.nodeType === 1 && !child.matches(SKIP)) text += ' ' + textOf(child) + ' ';
    }
    return text;
  }

  function highlight(el) {
    if (current === el) return;
    if (current) current.classList.remove('read-now');
    current = el;
    if (!el) return;
    el.classList.add('read-now');
    el.scrollIntoView({ block: 'center' });
  }

  function controls(reading) {
    $('.read-play').hidden = reading;
    $('.read-pause').hidden = !reading;
    $('.read-stop').hidden = !reading;
    paused = false;
    $('.read-pause').textContent = words().read_pause;
  }

  function words() {
    return (window.KhoaStrings || {})[lang] || {};
  }

  /* Speaks the next piece; `id` ends a reading that was stopped or restarted. */
  function next(id) {
    if (id !== run) return;
    var item = queue[at++];
    if (!item) {
      stop();
      return;
    }
    highlight(item.el);
    var utterance = new window.SpeechSynthesisUtterance(item.text);
    utterance.lang = voice.lang || speech;
    utterance.voice = voice;
    utterance.rate = Number($('.read-speed select').value) || 1;
    utterance.onend = function () {
      next(id);
    };
    utterance.onerror = function (event) {
      if (event.error !== 'interrupted' && event.error !== 'canceled') next(id);
    };
    synth.speak(utterance);
  }

  function play() {
    stop();
    queue = [];
    at = 0;
    blocks(document.querySelector('article.lesson-body')).forEach(function (el) {
      Core.pieces(textOf(el)).forEach(function (text) {
        queue.push({ el: el, text: text });
      });
    });
    controls(true);
    $('.read-pause').focus();
    next(run);
  }

  function stop() {
    run++;
    synth.cancel();
    highlight(null);
    controls(false);
  }

  function pause() {
    if (paused) synth.resume();
    else synth.pause();
    paused = !paused;
    $('.read-pause').textContent = paused ? words().read_resume : words().read_pause;
  }

  function findVoice() {
    voice = Core.voiceFor(synth.getVoices(), speech);
    box.hidden = !voice;
    if (!voice && queue) stop();
  }

  /* Wires the controls of `box` for a page in `lang`, and starts reading (the press that loaded
     this file asked for it). */
  function start(readBox, pageLang) {
    synth = window.speechSynthesis;
    box = readBox;
    lang = pageLang;
    /* A page not translated yet shows the original's text, marked with its own language. */
    var text = document.querySelector('.lesson-body[lang]');
    speech = text ? text.getAttribute('lang') : lang;
    $('.read-play').addEventListener('click', play);
    $('.read-stop').addEventListener('click', function () {
      stop();
      $('.read-play').focus();
    });
    $('.read-pause').addEventListener('click', pause);
    if (synth.addEventListener) synth.addEventListener('voiceschanged', findVoice);
    window.addEventListener('pagehide', function () {
      if (queue) stop();
    });
    findVoice();
    if (voice) play();
  }

  window.KhoaReadAloud = { start: start };
})();
