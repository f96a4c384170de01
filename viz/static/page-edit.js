// The editing forms' help (issue 11): picking a tie's two people on the map, and showing
// the level an assessment implies before saving. The forms work without it.
(function () {
  "use strict";

  // -- the tie picker: click one person on the map, then another ----------------------
  const picker = document.querySelector("#tie-picker form");
  const map = window.graphcrmMap;
  if (picker && map) {
    const from = picker.querySelector("select[name=source_id]");
    const to = picker.querySelector("select[name=target_id]");
    const known = new Set(Array.from(from.options).map((o) => o.value).filter(Boolean));
    let next = from;
    map.network.on("click", (params) => {
      const id = params.nodes.length ? String(params.nodes[0]) : null;
      filterTies(id);
      if (!id || !known.has(id)) return;
      next.value = id;
      next.dispatchEvent(new Event("change"));
      next = next === from ? to : from;
      picker.dataset.picked = next === from ? "both" : "one";
    });
  }

  // The ties list shows the clicked person's ties only (all of them when nobody is).
  function filterTies(id) {
    document.querySelectorAll("#ties-list tr.tie-row").forEach((row) => {
      row.hidden = Boolean(id) && row.dataset.source !== id && row.dataset.target !== id;
    });
  }

  // -- the implied level, by the core's rule (asked of the service, never computed here) --
  const attitude = document.querySelector("#attitude-form form");
  if (attitude) {
    const output = attitude.querySelector("#implied-level");
    const dims = Array.from(attitude.querySelectorAll("fieldset.assessment select"));
    const ask = async () => {
      const params = new URLSearchParams();
      dims.forEach((s) => params.set(s.name, s.value));
      params.set("lang", document.documentElement.lang.startsWith("zh") ? "zh" : "en");
      if (dims.some((s) => s.value === "")) {
        output.textContent = "—";
        return;
      }
      const answer = await fetch(attitude.dataset.implied + "?" + params, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!answer.ok) return;
      const found = await answer.json();
      output.textContent = found.level === null ? "—" : found.level + " · " + found.label;
      output.dataset.level = found.level === null ? "" : String(found.level);
    };
    dims.forEach((s) => s.addEventListener("change", ask));
  }
})();
