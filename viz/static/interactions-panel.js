// The map's side panel: the clicked person's interaction timeline and strength curves
// (DESIGN.md "Interactions"), an HTML fragment drawn and escaped by the service
// (/ui/accounts/{id}/people/{person}/interactions), read as of the map's own date.
(function () {
  "use strict";
  const map = window.graphcrmMap;
  const panel = document.getElementById("person");
  if (!map || !panel) return;
  const base = window.location.pathname.replace(/\/map$/, "/people/");
  const query = new URLSearchParams();
  const here = new URLSearchParams(window.location.search);
  ["lang", "as_of"].forEach((k) => here.get(k) && query.set(k, here.get(k)));
  let asked = null;
  map.network.on("click", async (params) => {
    const id = params.nodes.length ? String(params.nodes[0]) : null;
    asked = id;
    const node = id === null ? null : map.nodes.get(id);
    if (!node || node.kind !== "person") return; // our staff have no timeline of their own
    const answer = await fetch(base + encodeURIComponent(id) + "/interactions?" + query, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (!answer.ok || asked !== id) return; // refused, or another click since
    const box = document.createElement("div");
    box.id = "person-interactions";
    box.innerHTML = await answer.text(); // the service's own escaped HTML and SVG
    document.getElementById("person-interactions")?.remove();
    panel.appendChild(box);
  });
})();
