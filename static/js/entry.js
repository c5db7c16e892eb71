// Shows a rate line's percentage as the reporter types (numerator / denominator).
(function () {
  function parse(text) {
    var t = (text || "").trim().replace(/\s/g, "");
    if (!t) return null;
    if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
    else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t)) t = t.replace(/\./g, "").replace(",", ".");
    else t = t.replace(",", ".");
    var n = Number(t);
    return isFinite(n) ? n : null;
  }
  function update(row) {
    var inputs = row.querySelectorAll("input[name$='numerator'], input[name$='denominator']");
    var out = row.querySelector(".rate-out");
    if (!out || inputs.length < 2) return;
    var a = parse(inputs[0].value), b = parse(inputs[1].value);
    out.textContent = (a !== null && b) ? "= " + (100 * a / b).toFixed(1).replace(".", ",") + "%" : "";
  }
  document.querySelectorAll("tr[data-line]").forEach(function (row) {
    update(row);
    row.addEventListener("input", function () { update(row); });
  });
})();
