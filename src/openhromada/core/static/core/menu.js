// The menu is a <details> that works without JavaScript. On wide screens site.css shows its
// contents through ::details-content; a browser without that selector gets the menu opened here.
(function () {
  "use strict";
  var menu = document.querySelector("details.site-menu");
  // After a text-size or colour change the page comes back at #a11y: open the controls again,
  // where the new size is shown and the next press is.
  var a11y = document.getElementById("a11y");
  if (a11y && window.location.hash === "#a11y") {
    if (menu) {
      menu.open = true;
    }
    a11y.open = true;
    var summary = a11y.querySelector("summary");
    if (summary) {
      summary.focus();
    }
  }
  if (!menu || (window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
    return;
  }
  var wide = window.matchMedia("(min-width: 56.25rem)");
  function sync() {
    if (wide.matches) {
      menu.open = true;
    }
  }
  sync();
  wide.addEventListener("change", sync);
})();
