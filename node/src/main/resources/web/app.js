// pekko-mule dashboard: plain JavaScript against the management API (docs/api.md), nothing
// loaded from elsewhere. The token comes from the form or a #token=… fragment (removed from the
// address bar at once) and stays in this page's memory only.
"use strict";

const REFRESH_MS = 5000;
const CLASS_COLOURS = { interactive: "#1565c0", routine: "#2e7d32", opportunistic: "#6a1b9a" };

let token = "";
let timer = null;
let eventsAbort = null;
let currentTab = "overview";
let isLab = false;
let lastRouting = null;
let selectedLookup = null;
let labNode = null;
let labRouting = null;

// ------------------------------------------------------------------ API

function api(path, options) {
  const o = Object.assign({ headers: {} }, options || {});
  o.headers = Object.assign({ "Authorization": "Bearer " + token }, o.headers);
  return fetch(path, o).then(async (r) => {
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      const e = new Error(body.error || ("HTTP " + r.status));
      e.status = r.status;
      throw e;
    }
    return body;
  });
}

// ------------------------------------------------------------------ small helpers

function $(sel) {
  return document.querySelector(sel);
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    e.setAttribute(k, v);
  }
  if (text !== undefined && text !== null) {
    e.textContent = String(text);
  }
  return e;
}

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text === null || text === undefined ? "–" : String(text);
  if (cls) {
    td.className = cls;
  }
  return td;
}

function kv(tableSel, rows) {
  const body = $(tableSel + " tbody");
  body.replaceChildren();
  for (const [k, v, cls] of rows) {
    const row = body.insertRow();
    cell(row, k);
    cell(row, v, cls);
  }
}

function num(x, digits) {
  if (x === null || x === undefined || Number.isNaN(x)) {
    return "–";
  }
  if (typeof x !== "number") {
    return String(x);
  }
  return Number.isInteger(x) ? String(x) : x.toFixed(digits === undefined ? 3 : digits);
}

function age(s) {
  if (s < 120) {
    return s + " s";
  }
  if (s < 7200) {
    return Math.round(s / 60) + " min";
  }
  return (s / 3600).toFixed(1) + " h";
}

function seconds(x) {
  if (x === 0) {
    return "0";
  }
  return x < 1 ? Math.round(x * 1000) + " ms" : x.toFixed(x < 10 ? 2 : 1) + " s";
}

function setMessage(text, error) {
  const m = $("#message");
  m.className = error ? "error" : "";
  m.textContent = text;
}

// ------------------------------------------------------------------ login

function connect(t) {
  token = t.trim();
  if (!token) {
    setMessage("paste the token from DATA_DIR/api.token", true);
    return;
  }
  setMessage("connecting…");
  api("/api/v1/status")
    .then((s) => {
      document.body.dataset.state = "ready";
      $("#app").hidden = false;
      $("#tabs").hidden = false;
      $("#logout").hidden = false;
      $("#token").value = "";
      showStatus(s);
      return api("/api/v1/lab").then(() => true, () => false);
    })
    .then((lab) => {
      isLab = lab;
      $("#lab-tab").hidden = !lab;
      startEvents();
      refresh();
      if (timer) {
        clearInterval(timer);
      }
      timer = setInterval(refresh, REFRESH_MS);
    })
    .catch((e) => {
      token = "";
      document.body.dataset.state = "login";
      setMessage(e.status === 401 ? "the token was refused: " + e.message : e.message, true);
    });
}

function logout() {
  token = "";
  if (timer) {
    clearInterval(timer);
  }
  if (eventsAbort) {
    eventsAbort.abort();
  }
  document.body.dataset.state = "login";
  $("#app").hidden = true;
  $("#tabs").hidden = true;
  $("#logout").hidden = true;
  setMessage("token forgotten");
}

// ------------------------------------------------------------------ refresh

function refresh() {
  if (!token) {
    return;
  }
  const jobs = [api("/api/v1/status").then(showStatus)];
  if (currentTab === "routing" || currentTab === "lab") {
    jobs.push(api("/api/v1/routing").then(showRouting));
  }
  if (currentTab === "shaper") {
    jobs.push(api("/api/v1/shaper").then(showShaperSummary));
    jobs.push(api("/api/v1/shaper/histograms").then(showHistograms));
  }
  if (currentTab === "lookups") {
    jobs.push(api("/api/v1/lookups").then(showLookups));
    jobs.push(api("/api/v1/publications").then(showPublications));
    if (selectedLookup) {
      jobs.push(api("/api/v1/lookups/" + encodeURIComponent(selectedLookup)).then(showLookupDetail));
    }
  }
  if (currentTab === "lab" && isLab) {
    jobs.push(api("/api/v1/lab").then((l) => {
      const id = labNode || l.viewed;
      if (!id || id === l.viewed) {
        labRouting = null;
        showLab(l);
        return null;
      }
      return api("/api/v1/lab/nodes/" + encodeURIComponent(id) + "/routing")
        .then((r) => { labRouting = r; }, () => { labRouting = null; })
        .then(() => showLab(l));
    }));
  }
  Promise.all(jobs)
    .then(() => setMessage("updated " + new Date().toLocaleTimeString()))
    .catch((e) => setMessage(e.message, true));
}

// ------------------------------------------------------------------ status

function showStatus(s) {
  $("#node-id").textContent = s.identity.kadId;
  kv("#status", [
    ["version", s.version],
    ["KadID", s.identity.kadId, "mono"],
    ["address", s.identity.b32, "mono"],
    ["uptime", age(s.uptimeSeconds)],
    ["transport", s.transport.kind + (s.transport.up ? " up" : " down") + " – " + s.transport.detail],
    ["contacts", s.routing.contacts + " (" + s.routing.verified + " verified) in " + s.routing.buckets +
      " buckets, " + s.routing.replacements + " in replacement caches"],
    ["lookups", s.lookups.running + " running, " + s.lookups.listed + " listed"],
    ["shaper", s.shaper.queued + " queued, " + s.shaper.sent + " sent, " + s.shaper.dropped +
      " dropped, " + s.shaper.deferred + " deferred, " + s.shaper.cover + " cover"],
    ["shaper alarms", (s.shaper.alarms || []).length ? s.shaper.alarms.join(", ") : "none"],
  ]);
  showAlarmBanner(s.shaper.alarms || []);
}

function showAlarmBanner(names) {
  const b = $("#alarms");
  b.hidden = names.length === 0;
  b.textContent = names.length ? "shaper alarm" + (names.length > 1 ? "s" : "") + ": " +
    names.join(", ") : "";
}

// ------------------------------------------------------------------ routing

function showRouting(r) {
  lastRouting = r;
  if (currentTab !== "routing") {
    return;
  }
  const s = r.summary;
  $("#routing-summary").textContent = s.contacts + " contacts, " + s.verified + " verified, " +
    s.buckets + " buckets, " + s.replacements + " in replacement caches";
  const withReplacements = $("#show-replacements").checked;
  const body = $("#routing tbody");
  body.replaceChildren();
  for (const b of r.buckets) {
    const rows = b.contacts.map((c) => [c, false]);
    if (withReplacements) {
      for (const c of b.replacements) {
        rows.push([c, true]);
      }
    }
    rows.forEach(([c, replacement], i) => {
      const row = body.insertRow();
      row.className = (i === 0 ? "bucket-start " : "") + (replacement ? "replacement" : "contact");
      cell(row, i === 0 ? b.level + ":" + (b.prefix || "·") : "", "mono");
      cell(row, c.kadId, "mono");
      cell(row, c.endpoint || c.b32, "mono");
      cell(row, c.state + (c.verified ? "" : " (unverified)"), "state-" + c.state);
      cell(row, c.type, "num");
      cell(row, age(c.ageSeconds), "num");
      cell(row, c.version, "num");
    });
  }
}

// ------------------------------------------------------------------ shaper

function showShaperSummary(s) {
  const obj = (o) => Object.entries(o).map(([k, v]) => k + " " + v).join(", ");
  kv("#shaper-summary", [
    ["privacy level", s.privacyLevel + (s.constantRate ? " (constant rate, " + s.slotsPerSecond + " slots/s)" : "")],
    ["queued now", s.queued + " held by the shaper, " + (s.inputQueued || 0) + " in its input queue"],
    ["dropped", obj(s.dropped)],
    ["deferred", obj(s.deferred)],
    ["caps hit", obj(s.capsHit)],
    ["cover", num(s.cover.observedPerMinute, 2) + " /min observed, " + s.cover.configuredPerMinute +
      " /min configured; " + obj(s.cover.outcomes)],
  ]);
  const body = $("#shaper-alarms tbody");
  body.replaceChildren();
  const alarms = s.alarms || [];
  if (!alarms.length) {
    const row = body.insertRow();
    const c = cell(row, "no alarm raised");
    c.colSpan = 5;
  }
  for (const a of alarms) {
    const row = body.insertRow();
    row.className = "alarm";
    cell(row, a.alarm, "mono");
    cell(row, new Date(a.since).toLocaleTimeString());
    cell(row, num(a.value, 3), "num");
    cell(row, num(a.threshold, 3), "num");
    cell(row, a.message);
  }
}

function showHistograms(h) {
  const box = $("#histograms");
  for (const [name, c] of Object.entries(h.classes)) {
    let fig = document.getElementById("hist-" + name);
    if (!fig) {
      fig = el("figure", { id: "hist-" + name, class: "histogram" });
      fig.appendChild(el("h3", {}, name));
      fig.appendChild(el("canvas", { width: "440", height: "220" }));
      fig.appendChild(el("p", { class: "caption" }));
      box.appendChild(fig);
    }
    fig.querySelector(".caption").textContent = c.count + " delays, mean " + seconds(c.measuredMeanSeconds) +
      " (configured " + seconds(c.meanSeconds) + "; floor " + seconds(c.floorSeconds) + ", ceiling " +
      seconds(c.ceilingSeconds) + ", max age " + seconds(c.maxAgeSeconds) + ")" +
      (c.above ? "; " + c.above + " above the last bin" : "");
    drawHistogram(fig.querySelector("canvas"), c, CLASS_COLOURS[name] || "#444");
  }
}

function drawHistogram(canvas, c, colour) {
  // a density histogram on a linear time axis: bins have the widths of the meter's bounds, the
  // bar height is count per second; the configured distribution's expectation is the step line
  const g = canvas.getContext("2d");
  const W = canvas.width;
  const H = canvas.height;
  const left = 44;
  const right = 10;
  const bottom = 34;
  const top = 12;
  g.clearRect(0, 0, W, H);
  g.font = "10px sans-serif";
  let lastUsed = 0;
  c.bins.forEach((b, i) => {
    if (b.measured > 0) {
      lastUsed = i;
    }
  });
  const xmax = Math.min(c.maxAgeSeconds,
    Math.max(c.ceilingSeconds * 1.1, c.bins.length ? c.bins[lastUsed].toSeconds : 0));
  const bins = c.bins.filter((b) => b.fromSeconds < xmax);
  if (!bins.length || c.count === 0) {
    g.fillStyle = "#888";
    g.fillText("no " + (c.count === 0 ? "delays measured" : "delay histogram") + " yet in this class",
      left, H / 2);
    return;
  }
  const dens = (v, b) => v / Math.max(1e-9, Math.min(b.toSeconds, xmax) - b.fromSeconds);
  const max = Math.max(1e-9, ...bins.map((b) => Math.max(dens(b.measured, b), dens(b.expected, b))));
  const x = (sec) => left + (W - left - right) * Math.min(sec, xmax) / xmax;
  const y = (v) => H - bottom - (H - bottom - top) * v / max;
  g.strokeStyle = "#999";
  g.beginPath();
  g.moveTo(left, top);
  g.lineTo(left, H - bottom);
  g.lineTo(W - right, H - bottom);
  g.stroke();
  g.fillStyle = "#555";
  g.textAlign = "right";
  g.fillText(max.toFixed(max < 10 ? 1 : 0) + "/s", left - 4, top + 8);
  g.fillText("0", left - 4, H - bottom);
  // measured bars
  g.fillStyle = colour;
  g.globalAlpha = 0.6;
  for (const b of bins) {
    const h = dens(b.measured, b);
    if (h > 0) {
      g.fillRect(x(b.fromSeconds) + 0.5, y(h), Math.max(1, x(b.toSeconds) - x(b.fromSeconds) - 1),
        H - bottom - y(h));
    }
  }
  g.globalAlpha = 1;
  // expected: step line
  g.strokeStyle = "#d84315";
  g.lineWidth = 2;
  g.beginPath();
  bins.forEach((b, i) => {
    const h = y(dens(b.expected, b));
    if (i === 0) {
      g.moveTo(x(b.fromSeconds), h);
    } else {
      g.lineTo(x(b.fromSeconds), h);
    }
    g.lineTo(x(b.toSeconds), h);
  });
  g.stroke();
  g.lineWidth = 1;
  // floor and ceiling marks
  g.setLineDash([3, 3]);
  g.strokeStyle = "#888";
  for (const sec of [c.floorSeconds, c.ceilingSeconds]) {
    if (sec <= xmax) {
      g.beginPath();
      g.moveTo(x(sec), top);
      g.lineTo(x(sec), H - bottom);
      g.stroke();
    }
  }
  g.setLineDash([]);
  // time axis: five ticks
  g.fillStyle = "#555";
  g.textAlign = "center";
  for (let i = 0; i <= 4; i++) {
    const sec = xmax * i / 4;
    g.fillText(seconds(sec), x(sec), H - bottom + 12);
  }
  g.textAlign = "left";
  g.fillStyle = colour;
  g.fillRect(left, H - 12, 10, 8);
  g.fillStyle = "#333";
  g.fillText("measured", left + 14, H - 4);
  g.strokeStyle = "#d84315";
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(left + 80, H - 8);
  g.lineTo(left + 95, H - 8);
  g.stroke();
  g.lineWidth = 1;
  g.fillText("configured distribution (expected)   dashed: floor, ceiling", left + 99, H - 4);
}

// ------------------------------------------------------------------ lookups

function showLookups(l) {
  const body = $("#lookups tbody");
  body.replaceChildren();
  for (const x of l.lookups) {
    const row = body.insertRow();
    row.className = "lookup";
    row.dataset.id = x.id;
    const a = el("a", { href: "#" }, x.id);
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      selectedLookup = x.id;
      refresh();
    });
    row.insertCell().appendChild(a);
    cell(row, x.type);
    cell(row, x.keyword || x.target, "mono");
    cell(row, x.state);
    cell(row, x.termination);
    cell(row, x.requests, "num");
    cell(row, x.results, "num");
    cell(row, new Date(x.startedAt).toLocaleTimeString());
  }
}

function showLookupDetail(d) {
  const box = $("#lookup-detail");
  box.replaceChildren();
  box.appendChild(el("h3", {}, "Lookup " + d.lookup.id + " (" + d.lookup.state + ")"));
  if (d.closest.length) {
    const t = el("table", { class: "grid" });
    const h = t.createTHead().insertRow();
    for (const name of ["closest", "KadID", "endpoint"]) {
      h.appendChild(el("th", {}, name));
    }
    const b = t.createTBody();
    d.closest.forEach((c, i) => {
      const row = b.insertRow();
      cell(row, i + 1, "num");
      cell(row, c.kadId, "mono");
      cell(row, c.endpoint || c.b32, "mono");
    });
    box.appendChild(t);
  }
  if (d.hits.length) {
    box.appendChild(el("p", {}, d.hits.length + " hits: " + d.hits.map((x) => x.name || x.key).join(", ")));
  }
}

function showPublications(p) {
  const body = $("#publications tbody");
  body.replaceChildren();
  for (const f of p.publications) {
    f.items.forEach((i, n) => {
      const row = body.insertRow();
      row.className = "publication";
      cell(row, n === 0 ? f.name + " (" + f.fileHash.slice(0, 8) + "…)" : "", "mono");
      cell(row, i.kind);
      cell(row, i.target, "mono");
      cell(row, i.state);
      cell(row, new Date(i.nextPublishAt).toLocaleString());
      cell(row, i.last ? i.last.stored : null, "num");
      cell(row, i.last ? i.last.termination : null);
    });
  }
}

function randomHex() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("").toUpperCase();
}

function startLookup(ev) {
  ev.preventDefault();
  const type = $("#lookup-type").value;
  const value = $("#lookup-target").value.trim();
  const body = type === "keyword" ? { type: type, keyword: value } : { type: type, target: value };
  const m = $("#lookup-message");
  api("/api/v1/lookups", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  })
    .then((r) => {
      m.className = "";
      m.textContent = "started lookup " + r.id;
      selectedLookup = r.id;
      refresh();
    })
    .catch((e) => {
      m.className = "error";
      m.textContent = e.message;
    });
}

// ------------------------------------------------------------------ events (fetch + stream: EventSource cannot send the token)

function startEvents() {
  if (eventsAbort) {
    eventsAbort.abort();
  }
  eventsAbort = new AbortController();
  const state = $("#events-state");
  fetch("/api/v1/events", {
    headers: { "Authorization": "Bearer " + token, "Accept": "text/event-stream" },
    signal: eventsAbort.signal,
  })
    .then(async (r) => {
      if (!r.ok) {
        throw new Error("events: HTTP " + r.status);
      }
      state.textContent = "(connected)";
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split("\n").filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim()).join("\n");
          if (data) {
            onEvent(JSON.parse(data));
          }
        }
      }
      state.textContent = "(closed)";
    })
    .catch((e) => {
      if (e.name !== "AbortError") {
        state.textContent = "(" + e.message + "; retrying)";
        setTimeout(() => token && startEvents(), 5000);
      }
    });
}

function onEvent(e) {
  const log = $("#events");
  let text;
  if (e.type === "contact_changed") {
    text = "contact " + e.change + " " + e.kadId + " " + (e.state || "");
  } else if (e.type === "lookup_progressed") {
    text = "lookup " + e.id + " (" + e.kind + ") " + e.state + ": " + e.requests + " requests, " +
      e.results + " results" + (e.termination ? ", " + e.termination : "");
    if (currentTab === "lookups") {
      refresh();
    }
  } else if (e.type === "lookup_result") {
    text = "lookup " + e.id + " (" + e.kind + ") result " + e.results + ": " +
      (e.hit.name || e.hit.key) + (e.hit.size !== null ? " (" + e.hit.size + " bytes)" : "");
  } else if (e.type === "shaper_alarm_raised" || e.type === "shaper_alarm_cleared") {
    text = "shaper alarm " + e.alarm + (e.type === "shaper_alarm_raised" ? " raised: " : " cleared: ") +
      e.message;
    refresh();
  } else {
    text = e.type;
  }
  const li = el("li", { class: "event " + e.type }, new Date(e.at).toLocaleTimeString() + "  " + text);
  log.insertBefore(li, log.firstChild);
  while (log.children.length > 200) {
    log.removeChild(log.lastChild);
  }
}

// ------------------------------------------------------------------ lab

function angleOf(kadId) {
  return parseInt(kadId.slice(0, 8), 16) / 4294967296 * 2 * Math.PI - Math.PI / 2;
}

function showLab(l) {
  kv("#lab-progress", [["state", l.state + (l.virtual ? " (virtual time)" : "")]]
    .concat(Object.entries(l.progress).map(([k, v]) => [k, num(v, 1)]))
    .concat(Object.entries(l.params).map(([k, v]) => ["param " + k, num(v)])));
  kv("#lab-figures", l.figures ? Object.entries(l.figures).map(([k, v]) => [k, num(v)])
    : [["figures", "when the run ends"]]);
  kv("#lab-network", [
    ["datagrams sent", l.network.sent],
    ["delivered", l.network.delivered],
    ["lost", l.network.lost],
    ["unreachable", l.network.unreachable],
    ["nodes alive", l.nodes.length],
  ]);
  const select = $("#lab-node");
  const ids = l.nodes.map((n) => n.kadId);
  if (select.options.length !== ids.length || !ids.every((id, i) => select.options[i].value === id)) {
    const keep = labNode || l.viewed;
    select.replaceChildren();
    for (const n of l.nodes) {
      const o = el("option", { value: n.kadId }, n.kadId + (n.kadId === l.viewed ? " (viewed)" : "") +
        (n.seed ? " seed" : ""));
      select.appendChild(o);
    }
    select.value = keep;
  }
  const chosen = labRouting || lastRouting;
  const id = labRouting ? labRouting.kadId : l.viewed;
  $("#lab-node-summary").textContent = chosen ? chosen.summary.contacts + " contacts, " +
    chosen.summary.verified + " verified, " + chosen.summary.buckets + " buckets" : "";
  drawNetwork($("#network"), Object.assign({}, l, { viewed: id }), chosen);
}

function drawNetwork(canvas, l, routing) {
  const g = canvas.getContext("2d");
  const W = canvas.width;
  const H = canvas.height;
  const cx = W / 2;
  const cy = H / 2;
  const R = Math.min(W, H) / 2 - 30;
  g.clearRect(0, 0, W, H);
  g.strokeStyle = "#ddd";
  g.beginPath();
  g.arc(cx, cy, R, 0, 2 * Math.PI);
  g.stroke();
  const pos = (id) => {
    const a = angleOf(id);
    return [cx + R * Math.cos(a), cy + R * Math.sin(a)];
  };
  const maxContacts = Math.max(1, ...l.nodes.map((n) => n.contacts));
  if (routing && l.viewed) {
    const [vx, vy] = pos(l.viewed);
    g.strokeStyle = "rgba(21, 101, 192, 0.35)";
    for (const b of routing.buckets) {
      for (const c of b.contacts) {
        const [x, y] = pos(c.kadId);
        g.beginPath();
        g.moveTo(vx, vy);
        g.lineTo(x, y);
        g.stroke();
      }
    }
  }
  for (const n of l.nodes) {
    const [x, y] = pos(n.kadId);
    const share = n.contacts < 0 ? 0 : n.contacts / maxContacts;
    g.fillStyle = n.contacts < 0 ? "#bbb" : "hsl(" + Math.round(120 * share) + ", 70%, 40%)";
    g.beginPath();
    g.arc(x, y, 2 + 3 * share, 0, 2 * Math.PI);
    g.fill();
    if (n.seed) {
      g.strokeStyle = "#333";
      g.stroke();
    }
  }
  if (l.viewed) {
    const [vx, vy] = pos(l.viewed);
    g.strokeStyle = "#1565c0";
    g.lineWidth = 2;
    g.beginPath();
    g.arc(vx, vy, 8, 0, 2 * Math.PI);
    g.stroke();
    g.lineWidth = 1;
  }
  g.fillStyle = "#555";
  g.font = "11px sans-serif";
  g.fillText(l.nodes.length + " nodes; colour: red = empty table … green = largest (" + maxContacts +
    " contacts)", 10, H - 8);
}

// ------------------------------------------------------------------ wiring

function showTab(name) {
  currentTab = name;
  for (const b of document.querySelectorAll("#tabs button")) {
    b.classList.toggle("active", b.dataset.tab === name);
  }
  for (const s of document.querySelectorAll("section.tab")) {
    s.hidden = s.id !== "tab-" + name;
  }
  refresh();
}

document.addEventListener("DOMContentLoaded", () => {
  $("#login").addEventListener("submit", (ev) => {
    ev.preventDefault();
    connect($("#token").value);
  });
  $("#logout").addEventListener("click", logout);
  for (const b of document.querySelectorAll("#tabs button")) {
    b.addEventListener("click", () => showTab(b.dataset.tab));
  }
  $("#show-replacements").addEventListener("change", () => lastRouting && showRouting(lastRouting));
  $("#lookup-form").addEventListener("submit", startLookup);
  $("#lab-node").addEventListener("change", () => {
    labNode = $("#lab-node").value;
    refresh();
  });
  $("#lookup-random").addEventListener("click", () => {
    $("#lookup-type").value = "node";
    $("#lookup-target").value = randomHex();
  });
  // #token=…&tab=… : take them, then drop the fragment from the address bar and history
  const hash = location.hash;
  const m = /(?:^#|&)token=([^&]+)/.exec(hash);
  const tab = /(?:^#|&)tab=([a-z]+)/.exec(hash);
  if (tab) {
    showTab(tab[1]);
  }
  if (m) {
    history.replaceState(null, "", location.pathname + location.search);
    connect(decodeURIComponent(m[1]));
  }
});
