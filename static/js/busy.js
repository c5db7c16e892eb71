// A form marked data-busy-text shows that it is working once sent (reading a long plan takes
// a moment) and cannot be sent twice.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var text = form.getAttribute && form.getAttribute("data-busy-text");
  if (!text) { return; }
  var button = form.querySelector("button[type=submit]");
  if (button) { button.disabled = true; button.textContent = text; }
  form.setAttribute("aria-busy", "true");
});
