// Shows a rate line's percentage as the reporter types (numerator / denominator).
(function () {
  // what was typed, spaces and thousands dots taken out ("1.520" -> "1520")
  function digits(text) {
    var t = (text || "").trim().replace(/\s/g, "");
    return /^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, "") : t;
  }
  // a count as the page accepts it: digits only, at most the 12 the column holds ("1e3",
  // "0x10", "+5" are numbers to Number(), not to the page)
  function whole(text) {
    return /^\d{1,12}$/.test(digits(text));
  }
  function parse(text) {
    var t = digits(text);
    if (!t) return null;
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t)) t = t.replace(/\./g, "").replace(",", ".");
    else t = t.replace(",", ".");
    var n = Number(t);
    return isFinite(n) ? n : null;
  }
  function update(row) {
    var inputs = row.querySelectorAll("input[name$='numerator'], input[name$='denominator']");
    var out = row.querySelector(".rate-out");
    if (!out || inputs.length < 2) return;
    var a = parse(inputs[0].value), b = parse(inputs[1].value);
    // only a share the page would accept: whole counts, 0 <= numerator <= denominator (a
    // negative, a numerator above the denominator or a number too long gave "= -0,7%",
    // "= 133,3%", "= 15243902439024390144,0%" beside the error)
    var ok = a !== null && b !== null && whole(inputs[0].value) && whole(inputs[1].value) &&
      b > 0 && a <= b;
    out.textContent = ok ? "= " + (100 * a / b).toFixed(1).replace(".", ",") + "%" : "";
  }
  document.querySelectorAll("tr[data-line]").forEach(function (row) {
    update(row);
    row.addEventListener("input", function () { update(row); });
  });
})();

// The report's history is read when the reporter opens it (it is not built with every page).
(function () {
  var box = document.querySelector("details[data-history-src]");
  if (!box) return;
  var body = box.querySelector("[data-history-body]");
  box.addEventListener("toggle", function () {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    body.setAttribute("aria-busy", "true");
    fetch(box.dataset.historySrc, { credentials: "same-origin" })
      // a lapsed session answers with the login page (a redirect fetch follows): not the history
      .then(function (r) { if (!r.ok || r.redirected) throw new Error(r.status); return r.text(); })
      .then(function (html) { body.innerHTML = html; })
      .catch(function () { delete box.dataset.loaded; })
      .finally(function () { body.removeAttribute("aria-busy"); });
  });
})();
