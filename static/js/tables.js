// A table wider than the screen scrolls sideways inside its frame (.table-wrap). Its edge fades
// on the side where more of it lies (more-right, more-left), so that a reader on a phone sees
// that the table goes on; the fade leaves once the end is reached.
(function () {
  function mark(wrap) {
    var hidden = wrap.scrollWidth - wrap.clientWidth;
    wrap.classList.toggle("more-right", hidden > 1 && wrap.scrollLeft < hidden - 1);
    wrap.classList.toggle("more-left", hidden > 1 && wrap.scrollLeft > 1);
  }
  function markAll() {
    document.querySelectorAll(".table-wrap").forEach(mark);
  }
  document.addEventListener("scroll", function (event) {
    var wrap = event.target;
    if (wrap.classList && wrap.classList.contains("table-wrap")) { mark(wrap); }
  }, { capture: true, passive: true });
  window.addEventListener("resize", markAll);
  markAll();
})();
