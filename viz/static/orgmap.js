// The organisation relationship map: draws the network graphcrm built with pyvis,
// the department columns and layer bands behind it, the filters and the details panel.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const words = data.words;
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  let chain = null; // ids of the chosen decision chain, or null for the whole account
  let current = data.default_view; // "key" (key people and their paths) or "all"
  const ties = new Set(data.edges.map((e) => e.tie));
  // Past 30 people the knows ties (the densest kind) start off: the map stays readable.
  if (data.knows_off) {
    ties.delete("knows");
    document.querySelectorAll('.tie-filter[value="knows"]').forEach((box) => (box.checked = false));
  }
  function layout() {
    // A decision chain is drawn on everyone's positions (the org chart keeps its own).
    return data.views[chain === null || current === "org" ? current : "all"];
  }
  let shown = new Set(layout().ids);
  const nodeView = new vis.DataView(nodes, {
    filter: (n) =>
      chain === null ? shown.has(n.id) : (n.kind === "staff" || chain.has(n.id)),
  });
  const edgeView = new vis.DataView(edges, { filter: (e) => ties.has(e.tie) });
  const container = document.getElementById("network");

  const original = new Map(data.nodes.map((n) => [n.id, n.font || {}]));
  function place() {
    // Every node of the current view at that view's position (the key view is compact),
    // its name at the view's least size (the key view has few names, so all read large).
    const at = layout();
    shown = new Set(at.ids);
    nodes.update(
      at.ids.map((id) => {
        const font = original.get(id);
        const size = Math.max(font.size || 14, at.min_font || 0);
        return { id, x: at.pos[id][0], y: at.pos[id][1], font: Object.assign({}, font, { size }) };
      })
    );
  }
  place();
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  network.on("beforeDrawing", (ctx) => {
    const at = layout();
    if (!at.bands.length) return;
    const top = Math.min(...at.bands.map((b) => b.y0)) - 40;
    ctx.save();
    at.columns.forEach((c, i) => {
      ctx.fillStyle = i % 2 ? "rgba(47,109,181,0.045)" : "rgba(20,33,61,0.07)";
      ctx.fillRect(c.x0, top, c.x1 - c.x0, c.y1 - top + 40);
      ctx.fillStyle = "#14213d";
      // Column and band names stay about 13 px on screen at any zoom.
      ctx.font = "bold " + Math.max(16, 14 / network.getScale()) + "px 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif";
      ctx.textAlign = "center";
      ctx.fillText(c.label, (c.x0 + c.x1) / 2, top + Math.max(20, 18 / network.getScale()));
    });
    const left = Math.min(...at.columns.map((c) => c.x0), 0) - 20;
    const right = Math.max(...at.columns.map((c) => c.x1), ...at.bands.map((b) => b.x1 || 0), 0) + 20;
    // Band names just under each band's line, inside the map (a fit keeps them in view).
    const size = Math.max(13, 12 / network.getScale());
    ctx.textAlign = "left";
    ctx.font = size + "px 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif";
    at.bands.forEach((b) => {
      ctx.strokeStyle = "rgba(107,114,128,0.35)";
      ctx.setLineDash([6, 6]);
      ctx.beginPath();
      ctx.moveTo(left, b.y0);
      ctx.lineTo(right, b.y0);
      ctx.stroke();
      ctx.fillStyle = "#6b7280";
      ctx.fillText(b.label, left + 4, b.y0 + size);
    });
    ctx.restore();
  });

  function fit() {
    // Fit what is shown (not the hidden people's empty columns), after every filter.
    const ids = nodeView.getIds();
    network.fit({ nodes: ids, animation: false });
    // Which view is fitted, for a reader (and a browser test) to wait on.
    container.dataset.fitted = current + (chain === null ? "" : "-chain");
    const spare = layout().fit_spare;
    if (!spare || !ids.length) return;
    // The org chart is laid out for this fit: a little room around it, not vis' tenth.
    const boxes = ids.map((id) => network.getBoundingBox(id));
    const x0 = Math.min(...boxes.map((b) => b.left)), x1 = Math.max(...boxes.map((b) => b.right));
    const y0 = Math.min(...boxes.map((b) => b.top)), y1 = Math.max(...boxes.map((b) => b.bottom));
    const scale = Math.min(1, container.clientWidth / (spare * (x1 - x0)),
      container.clientHeight / (spare * (y1 - y0)));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale, animation: false });
  }
  // The org chart's reports-to lines: to a person listed under their manager, a curve leaving
  // the manager downwards and turning into them (clear of the list above them); to a row,
  // one rising from the report and turning into the manager. Other views: the map's curves.
  const orgLines = new Map(
    edges
      .get({ filter: (e) => e.tie === "reports_to" })
      .map((e) => [e.id, data.views.org.listed.includes(e.from)
        ? { enabled: true, type: "horizontal", roundness: 1 }
        : { enabled: true, type: "vertical", roundness: 0.6 }])
  );
  let linesAreOrg = false;
  function connectors() {
    if ((current === "org") === linesAreOrg) return;
    linesAreOrg = current === "org";
    edges.update([...orgLines].map(([id, org]) => ({ id, smooth: linesAreOrg ? org : data.options.edges.smooth })));
  }
  network.once("afterDrawing", fit);

  const viewSelect = document.getElementById("view-filter");
  let beforeOrg = null; // the tie types shown before the org chart, given back after it
  function tiesShown(kinds) {
    ties.clear();
    kinds.forEach((k) => ties.add(k));
    document.querySelectorAll(".tie-filter").forEach((box) => (box.checked = ties.has(box.value)));
    edgeView.refresh();
  }
  viewSelect.addEventListener("change", () => {
    // The org chart is read along its reports-to lines: the other ties start hidden there.
    if (viewSelect.value === "org" && current !== "org") {
      beforeOrg = [...ties];
      tiesShown(["reports_to"]);
    } else if (viewSelect.value !== "org" && current === "org" && beforeOrg) {
      tiesShown(beforeOrg);
    }
    current = viewSelect.value;
    connectors();
    place();
    nodeView.refresh();
    fit();
  });
  const chainSelect = document.getElementById("chain-filter");
  chainSelect.addEventListener("change", () => {
    chain = chainSelect.value ? new Set(data.chains[chainSelect.value]) : null;
    place();
    nodeView.refresh();
    fit();
  });
  document.querySelectorAll(".tie-filter").forEach((box) => {
    box.addEventListener("change", () => {
      if (box.checked) ties.add(box.value);
      else ties.delete(box.value);
      edgeView.refresh();
      fit();
    });
  });
  const search = document.getElementById("map-search");
  search.addEventListener("change", () => {
    const hit = data.search.find((s) => s[0] === search.value || s[1] === search.value);
    if (!hit) return;
    if (!nodeView.get(hit[1])) {
      // Not in this view: show everything, then centre on them.
      current = "all";
      viewSelect.value = "all";
      chain = null;
      chainSelect.value = "";
      place();
      nodeView.refresh();
    }
    network.selectNodes([hit[1]]);
    network.focus(hit[1], { scale: Math.max(network.getScale(), 0.8), animation: false });
    show(hit[1]);
  });

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function row(table, cells) {
    const tr = el("tr");
    cells.forEach((c) => tr.appendChild(el("td", c)));
    table.appendChild(tr);
  }

  function show(id) {
    const d = data.details[id];
    const panel = document.getElementById("person");
    panel.replaceChildren();
    if (!d) {
      panel.appendChild(el("span", words.click_hint, "hint"));
      return;
    }
    panel.appendChild(el("h3", d.name));
    panel.appendChild(el("div", [d.title, d.department].filter(Boolean).join(" · "), "muted"));
    const chip = el("span", d.level + " · " + d.level_label, "chip");
    chip.style.background = d.colour;
    chip.style.color = d.level === 2 || d.level === -1 ? "#fff" : "#1d1d1f";
    panel.appendChild(chip);
    panel.appendChild(el("div", words.layer + ": " + d.layer + " · " + words.roles + ": " + d.roles));
    panel.appendChild(el("div", words.rank + " " + d.rank + " · " + words.quadrant + ": " + d.quadrant));
    if (d.competitor) panel.appendChild(el("div", "⚑ " + d.competitor));
    panel.appendChild(el("h4", words.importance_parts));
    const parts = el("table");
    d.parts.forEach((p) => row(parts, [p[0], Number(p[1]).toFixed(2), p[2] === null ? "" : "(" + p[2] + ")"]));
    panel.appendChild(parts);
    panel.appendChild(el("h4", words.level_history));
    const history = el("table");
    d.history.forEach((h) => row(history, [h[0], h[1] + " · " + h[2]]));
    if (!d.history.length) row(history, ["—"]);
    panel.appendChild(history);
    if (d.assessment.length) {
      panel.appendChild(el("h4", words.six_dimensions));
      const dims = el("table");
      d.assessment.forEach((a) => row(dims, [a[0], a[1] === null ? "–" : String(a[1])]));
      panel.appendChild(dims);
    }
    panel.appendChild(el("h4", words.covered_by));
    const staff = el("table");
    d.staff.forEach((s) => row(staff, [s[0], Number(s[1]).toFixed(2)]));
    if (!d.staff.length) row(staff, [words.nobody]);
    panel.appendChild(staff);
    // The panel's other parts (map-attitudes.js: the attitude readings and form) follow
    // whoever is shown, however they were chosen (a click, the search box, a target).
    panel.dispatchEvent(new CustomEvent("person-shown", { detail: id }));
  }

  // Focus: a click on a person keeps them, their ties and their best warm path in full
  // colour and dims the rest; a click on empty space brings everything back.
  const edgeColour = new Map(edges.get().map((e) => [e.id, e.color || {}]));
  function dim(keep, litEdge) {
    // keep === null: everything in full colour again.
    nodes.update(nodes.getIds().map((n) => ({ id: n, opacity: keep === null || keep.has(n) ? 1 : 0.15 })));
    edges.update(
      edges.get().map((e) => {
        const lit = keep === null || litEdge(e);
        return { id: e.id, color: Object.assign({}, edgeColour.get(e.id), { opacity: lit ? 0.85 : 0.07 }) };
      })
    );
  }
  function pathSteps(path, keep) {
    const steps = new Set();
    path.forEach((p, i) => {
      keep.add(p);
      if (i) steps.add(path[i - 1] + "|" + p).add(p + "|" + path[i - 1]);
    });
    return steps;
  }
  function focus(id) {
    const keep = new Set(id === null ? [] : [id, ...network.getConnectedNodes(id)]);
    const steps = pathSteps(id === null ? [] : (data.details[id] || {}).path || [], keep);
    dim(id === null ? null : keep, (e) => e.from === id || e.to === id || steps.has(e.from + "|" + e.to));
  }

  // A picked next target: its best warm path (our staff member first) stays lit, the rest
  // is dimmed; people of the path that this view hides bring the whole account back.
  const targetSelect = document.getElementById("target-filter");
  const targets = new Map((data.targets || []).map((x) => [x.id, x]));
  function highlight(id) {
    const target = id ? targets.get(id) : null;
    state.target = target ? { id, path: target.path.length ? target.path : [id] } : null;
    if (!state.target) return dim(null);
    if (state.target.path.some((p) => !nodeView.get(p))) {
      current = current === "org" ? "org" : "all";
      viewSelect.value = current;
      chain = null;
      chainSelect.value = "";
      place();
      nodeView.refresh();
      fit();
    }
    const keep = new Set();
    const steps = pathSteps(state.target.path, keep);
    dim(keep, (e) => steps.has(e.from + "|" + e.to));
    show(id);
  }
  const state = { target: null };
  targetSelect.addEventListener("change", () => highlight(targetSelect.value));

  network.on("click", (params) => {
    const id = params.nodes.length ? params.nodes[0] : null;
    show(id);
    focus(id);
    state.target = null;
    targetSelect.value = "";
  });
  // The "as of" form: an empty date is not sent (the map as things stand now).
  const asOf = document.getElementById("as-of-form");
  asOf.addEventListener("submit", () => {
    const day = document.getElementById("map-as-of");
    if (!day.value) day.disabled = true;
  });
  window.graphcrmMap = { network, nodes, edges, show, nodeView, fit, focus, highlight, state };
  container.dataset.ready = "1"; // tests wait for #network[data-ready] (no eval under the CSP)
})();
