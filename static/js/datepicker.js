// A calendar beside every date box of the page (inputs with data-datepicker): Vietnamese on a
// Vietnamese page, dd/mm/yyyy always. The box stays a plain text box: what is typed is never
// rewritten by the calendar (a date typed another way reaches the server, which says how to
// write it); picking a day writes it as dd/mm/yyyy. The browser's own date input, which may
// show mm/dd/yyyy, is never used (disableMobile).
(function () {
  if (typeof window.flatpickr !== "function") return;
  var vietnamese = (document.documentElement.lang || "vi").slice(0, 2) === "vi";
  function parse(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (!m) return null;
    var d = new Date(+m[3], +m[2] - 1, +m[1]);
    return d.getDate() === +m[1] && d.getMonth() === +m[2] - 1 ? d : null;
  }
  document.querySelectorAll("input[data-datepicker]").forEach(function (input) {
    if (input.disabled || input.closest("fieldset[disabled]")) return;
    var anchor = document.createElement("input");
    anchor.type = "text";
    anchor.className = "datepicker-anchor";
    anchor.tabIndex = -1;
    anchor.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "datepicker-button";
    button.textContent = "📅";
    button.title = vietnamese ? "Chọn ngày trên lịch" : "Pick a date";
    button.setAttribute("aria-label", button.title);
    button.setAttribute("data-datepicker-for", input.name);
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", anchor);
    var picker = window.flatpickr(anchor, {
      dateFormat: "d/m/Y",
      disableMobile: true,
      clickOpens: false,
      positionElement: input,
      locale: vietnamese && window.flatpickr.l10ns.vn ? "vn" : "default",
      onChange: function (dates, text) {
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    picker.calendarContainer.setAttribute("data-datepicker-for", input.name);
    button.addEventListener("click", function () {
      var current = parse(input.value);
      if (current) picker.setDate(current, false); else picker.clear(false);
      picker.jumpToDate(current || new Date());
      picker.open();
    });
  });
})();
