// Placeholder dashboard: reads /api/v1/status and /api/v1/routing with the token typed in.
// The token stays in this page's memory only.
"use strict";

let token = "";

function api(path) {
  return fetch(path, { headers: { "Authorization": "Bearer " + token } }).then(async (r) => {
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      throw new Error(body.error || ("HTTP " + r.status));
    }
    return body;
  });
}

function cell(row, text, mono) {
  const td = row.insertCell();
  td.textContent = text === null || text === undefined ? "–" : String(text);
  if (mono) {
    td.className = "mono";
  }
}

function showStatus(s) {
  const body = document.querySelector("#status tbody");
  body.replaceChildren();
  const rows = [
    ["version", s.version],
    ["KadID", s.identity.kadId],
    ["address", s.identity.b32],
    ["uptime", s.uptimeSeconds + " s"],
    ["transport", s.transport.kind + (s.transport.up ? " up" : " down") + " – " + s.transport.detail],
    ["contacts", s.routing.contacts + " (" + s.routing.verified + " verified) in " + s.routing.buckets + " buckets"],
    ["lookups running", s.lookups.running],
    ["shaper", s.shaper.queued + " queued, " + s.shaper.sent + " sent, " + s.shaper.dropped + " dropped"],
  ];
  for (const [k, v] of rows) {
    const row = body.insertRow();
    cell(row, k);
    cell(row, v, k === "KadID" || k === "address");
  }
}

function showRouting(r) {
  document.getElementById("routing-summary").textContent =
    r.summary.contacts + " contacts, " + r.summary.verified + " verified, " +
    r.summary.buckets + " buckets, " + r.summary.replacements + " in replacement caches";
  const body = document.querySelector("#routing tbody");
  body.replaceChildren();
  for (const b of r.buckets) {
    for (const c of b.contacts) {
      const row = body.insertRow();
      cell(row, b.level + ":" + (b.prefix || "·"), true);
      cell(row, c.kadId, true);
      cell(row, c.state);
      cell(row, c.type);
      cell(row, c.ageSeconds + " s");
      cell(row, c.b32, true);
    }
  }
}

function load() {
  const message = document.getElementById("message");
  message.className = "";
  message.textContent = "loading…";
  Promise.all([api("/api/v1/status"), api("/api/v1/routing")])
    .then(([s, r]) => {
      showStatus(s);
      showRouting(r);
      message.textContent = "updated " + new Date().toLocaleTimeString();
    })
    .catch((e) => {
      message.className = "error";
      message.textContent = e.message;
    });
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("login").addEventListener("submit", (ev) => {
    ev.preventDefault();
    token = document.getElementById("token").value.trim();
    load();
  });
});
