// The menu is a <details> that works without JavaScript. On wide screens site.css shows its
// contents through ::details-content; a browser without that selector gets the menu opened here.
(function () {
  "use strict";
  var menu = document.querySelector("details.site-menu");
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
