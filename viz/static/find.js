// Find anyone (issue 11 item 6): a search result's "on the map" link opens the map with
// ?focus=<person id>; this hands the id to the map's own search box (orgmap.js), which
// shows the person (switching to the whole account if needed) and centres on them.
"use strict";
(function () {
  const wanted = new URLSearchParams(window.location.search).get("focus");
  const box = document.getElementById("map-search");
  if (!wanted || !box || !window.graphcrmMap) return;
  box.value = wanted;
  box.dispatchEvent(new Event("change"));
})();
