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
  // Wired on the map's form here, and by map-attitudes.js on the side panel's own form.
  function wireImplied(attitude) {
    const output = attitude.querySelector("output[name=implied]");
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
  window.graphcrmImplied = wireImplied;
  const attitude = document.querySelector("#attitude-form form");
  if (attitude) wireImplied(attitude);
})();

// -- the live what-if: the service's what-if for the changes tried so far ------------
(function () {
  "use strict";
  const panel = document.getElementById("what-if");
  if (!panel) return;
  const changes = [];
  const pick = (name) => panel.querySelector(`[name=${name}]`);
  const list = (id, items) => {
    const ul = document.getElementById(id);
    ul.replaceChildren(
      ...items.map((text) => {
        const li = document.createElement("li");
        li.textContent = text;
        return li;
      })
    );
  };
  const gapText = (g) => g.code + (g.person_id ? " · " + g.person_id : "") + " (" + Number(g.weight).toFixed(2) + ")";
  const save = document.querySelector("#what-if-save");
  const error = document.getElementById("wi-error");

  async function run() {
    if (save) {
      save.querySelector("input[name=changes]").value = JSON.stringify(changes);
      save.querySelector("button").disabled = changes.length === 0;
    }
    list("wi-changes", changes.map((c) => c.type === "set_level"
      ? c.person_id + " → " + c.level
      : c.staff_id + " ↔ " + c.person_id + " (" + c.strength + ")"));
    if (!changes.length) {
      ["wi-health-before", "wi-health-after", "wi-delta"].forEach((id) => (document.getElementById(id).textContent = "—"));
      list("wi-closed", []);
      list("wi-opened", []);
      targets([]);
      return;
    }
    const answer = await fetch(panel.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ changes, csrf_token: panel.dataset.token }),
    });
    const found = await answer.json();
    error.hidden = answer.ok;
    if (!answer.ok) {
      error.textContent = found.error || String(answer.status);
      return;
    }
    document.getElementById("wi-health-before").textContent = found.health_before.toFixed(1);
    const after = document.getElementById("wi-health-after");
    after.textContent = found.health_after.toFixed(1);
    after.dataset.value = String(found.health_after);
    document.getElementById("wi-delta").textContent = (found.delta >= 0 ? "+" : "") + found.delta.toFixed(1);
    list("wi-closed", found.closed.map(gapText));
    list("wi-opened", found.opened.map(gapText));
    targets(found.next_targets || []);
  }

  // The next targets before and after (the API's what-if's next_targets), one row each.
  function targets(rows) {
    const body = document.querySelector("#wi-targets tbody");
    const num = (v, digits) => (v === null ? "—" : digits ? Number(v).toFixed(digits) : String(v));
    body.replaceChildren(
      ...rows.map((r) => {
        const tr = document.createElement("tr");
        tr.dataset.person = r.person_id;
        [r.name, num(r.rank_before) + " → " + num(r.rank_after),
         num(r.score_before, 3) + " → " + num(r.score_after, 3)].forEach((text) => {
          const td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        });
        return tr;
      })
    );
  }

  document.getElementById("wi-try-level").addEventListener("click", () => {
    const person_id = pick("wi_person").value;
    const kept = changes.filter((c) => !(c.type === "set_level" && c.person_id === person_id));
    changes.splice(0, changes.length, ...kept, { type: "set_level", person_id, level: Number(pick("wi_level").value) });
    run();
  });
  document.getElementById("wi-try-contact").addEventListener("click", () => {
    if (!pick("wi_staff").value) return;
    changes.push({
      type: "add_contact",
      staff_id: pick("wi_staff").value,
      person_id: pick("wi_person").value,
      strength: Number(pick("wi_strength").value),
    });
    run();
  });
  document.getElementById("wi-clear").addEventListener("click", () => {
    changes.splice(0, changes.length);
    run();
  });
})();

// -- the map's side panel: an edit link for the person clicked (keys that write) -------
(function () {
  "use strict";
  const map = window.graphcrmMap;
  const picker = document.querySelector("#tie-picker form");
  if (!map || !picker) return;
  const people = picker.action.split("?")[0].replace(/\/ties$/, "/people/");
  const lang = document.documentElement.lang.startsWith("zh") ? "?lang=zh" : "";
  const word = document.documentElement.lang.startsWith("zh") ? "编辑" : "Edit";
  map.network.on("click", (params) => {
    const id = params.nodes.length ? String(params.nodes[0]) : null;
    const known = Array.from(picker.querySelector("select[name=source_id]").options).some((o) => o.value === id);
    if (!id || !known) return;
    const link = document.createElement("a");
    link.className = "button";
    link.id = "edit-person-link";
    link.href = people + encodeURIComponent(id) + "/edit" + lang;
    link.textContent = word;
    document.getElementById("person").appendChild(link);
  });
})();
