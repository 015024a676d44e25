/* dom.js — one job: the few DOM helpers the runtime scripts share (query, create, format a UI string),
   as KhoaDom. */
(function (root) {
  'use strict';
  function $(selector, from) {
    return (from || document).querySelector(selector);
  }
  function all(selector, from) {
    return [].slice.call((from || document).querySelectorAll(selector));
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(text, onClick, className) {
    var node = el('button', className || 'secondary', text);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }
  /* "{n} bài" + {n: 3} -> "3 bài" */
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_match, name) {
      return values[name];
    });
  }

  root.KhoaDom = { $: $, all: all, el: el, button: button, format: format };
})(this);
