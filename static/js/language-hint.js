// When the browser prefers a language the page also exists in, offer that
// version once, in that language. Nothing is redirected and no cookie is set:
// the page at a URL is the same for everyone (the page cache relies on it);
// closing the hint lasts for the browser tab only (sessionStorage).
(function () {
  "use strict";

  var KEY = "language-hint-closed";
  var current = document.documentElement.lang;
  var links = document.querySelectorAll(".language-switcher a[data-hint]");
  if (!links.length || !window.navigator) {
    return;
  }
  try {
    if (window.sessionStorage.getItem(KEY)) {
      return;
    }
  } catch (error) {
    // Storage blocked: the hint still works, it just returns on each page.
  }

  var preferred = window.navigator.languages || [window.navigator.language];
  var target = null;
  for (var i = 0; i < preferred.length && !target; i++) {
    var code = String(preferred[i] || "").toLowerCase().split("-")[0];
    if (code === current) {
      return; // the visitor already reads this page's language
    }
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("hreflang") === code) {
        target = links[j];
        break;
      }
    }
  }
  if (!target) {
    return;
  }

  var note = document.createElement("div");
  note.className = "language-hint";
  note.setAttribute("role", "note");
  note.setAttribute("lang", target.getAttribute("hreflang"));
  var text = document.createElement("p");
  var link = document.createElement("a");
  link.href = target.href;
  link.hreflang = target.getAttribute("hreflang");
  link.textContent = target.getAttribute("data-hint");
  text.appendChild(link);
  var close = document.createElement("button");
  close.type = "button";
  close.textContent = target.getAttribute("data-close");
  close.addEventListener("click", function () {
    note.parentNode.removeChild(note);
    document.documentElement.classList.remove("with-language-hint");
    try {
      window.sessionStorage.setItem(KEY, "1");
    } catch (error) {
      // Nothing to remember it in: closed for this page only.
    }
  });
  text.appendChild(document.createTextNode(" "));
  text.appendChild(close);
  note.appendChild(text);
  // At the top of the header (a landmark), after the skip link, which stays
  // the first thing to tab to; site.css shows it at the foot of the window.
  var header = document.querySelector(".site-header");
  header.insertBefore(note, header.firstChild);
  document.documentElement.classList.add("with-language-hint");
})();
