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
    // a drawn calendar (an emoji has no glyph in every font: it showed as an empty box)
    button.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">' +
      '<rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor"/>' +
      '<path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" fill="none"/>' +
      '<path d="M4 9h2v2H4zM7 9h2v2H7zM10 9h2v2h-2z" fill="currentColor"/></svg>';
    button.title = vietnamese ? "Chọn ngày trên lịch" : "Pick a date";
    button.setAttribute("aria-label", button.title);
    button.setAttribute("data-datepicker-for", input.name);
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", anchor);
    // the dates the server accepts (greyed outside), and where an empty box's calendar opens:
    // the day the page names (data-date-open), else today, kept inside those dates
    var min = parse(input.getAttribute("data-date-min"));
    var max = parse(input.getAttribute("data-date-max"));
    var opens = parse(input.getAttribute("data-date-open")) || new Date();
    if (min && opens < min) opens = min;
    if (max && opens > max) opens = max;
    var picker = window.flatpickr(anchor, {
      dateFormat: "d/m/Y",
      minDate: min || undefined,
      maxDate: max || undefined,
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
      picker.jumpToDate(current || opens);
      picker.open();
    });
  });
})();
