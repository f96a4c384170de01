// The map's side panel: the shown person's attitude readings (edit, remove) and the form
// recording a new one (issue 11 item 1), an HTML fragment drawn and escaped by the service
// (/ui/accounts/{id}/people/{person}/attitudes). Its forms post to the card's own routes and
// come back to the map focused on the person; the implied level is page-edit.js's.
(function () {
  "use strict";
  const panel = document.getElementById("person");
  if (!panel || !window.graphcrmMap) return;
  const base = window.location.pathname.replace(/\/map$/, "/people/");
  const lang = new URLSearchParams(window.location.search).get("lang");
  const query = lang ? "?lang=" + encodeURIComponent(lang) : "";
  let asked = null;
  panel.addEventListener("person-shown", async (event) => {
    const id = event.detail;
    asked = id;
    if (!id) return;
    const answer = await fetch(base + encodeURIComponent(id) + "/attitudes" + query, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (!answer.ok || asked !== id) return; // refused, or another person since
    const box = document.createElement("div");
    box.innerHTML = await answer.text(); // the service's own escaped HTML
    document.getElementById("person-attitudes")?.remove();
    const shown = box.firstElementChild;
    panel.appendChild(shown);
    const form = shown.querySelector("#side-attitude-form form");
    if (form && window.graphcrmImplied) window.graphcrmImplied(form);
    shown.dataset.ready = "1"; // tests wait for #person-attitudes[data-ready]
  });
})();
