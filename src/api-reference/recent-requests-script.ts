/**
 * The "Recent requests" page's script, served as it is from /docs/requests.js (the page's CSP allows only
 * this origin's scripts). Plain ES2020 text rather than compiled TypeScript: the Worker's bundle keeps names
 * with helpers of its own, which a function's source would carry into the browser.
 *
 * Rules it keeps (test/request-history/page-script.unit.test.ts checks them): every value from the API is put
 * in the page with textContent or as a form value, never as markup; it calls only GET /v1/autodoc/requests on
 * this origin, without cookies; the key lives in memory, or in sessionStorage when the person asks, never in
 * localStorage or a URL.
 */
export const RECENT_REQUESTS_SCRIPT = `"use strict";
(function () {
  var API = "/v1/autodoc/requests";
  var STORE = "recent-requests-key";
  var key = "";
  var nextCursor = null;
  var byId = function (id) { return document.getElementById(id); };

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value === null || value === undefined ? "" : String(value);
    if (className) node.className = className;
    return node;
  }

  function say(message, isError) {
    var status = byId("status");
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  function statusClass(status) {
    var family = Math.floor(Number(status) / 100);
    return family >= 1 && family <= 5 ? "s" + family + "xx" : "";
  }

  function when(iso) {
    var date = new Date(iso);
    var seconds = Math.round((Date.now() - date.getTime()) / 1000);
    var ago = seconds < 60 ? seconds + " s ago"
      : seconds < 3600 ? Math.round(seconds / 60) + " min ago"
      : seconds < 86400 ? Math.round(seconds / 3600) + " h ago"
      : Math.round(seconds / 86400) + " d ago";
    return date.toLocaleTimeString() + " · " + ago;
  }

  function credentialText(credential) {
    if (!credential) return "";
    if (credential.type === "private_key") return "key " + credential.id + " …" + credential.last4;
    if (credential.type === "vortex_key") return "Vortex key " + credential.id + " …" + credential.last4;
    if (credential.type === "jwt") return "JWT " + (credential.subject === null ? "(no sub)" : credential.subject);
    return String(credential.type);
  }

  function modeOf(secret) {
    if (secret.indexOf("sk_test_") === 0) return "test mode";
    if (secret.indexOf("sk_live_") === 0) return "live mode";
    return "the token's mode";
  }

  async function fetchPage(params) {
    var url = new URL(API, window.location.origin);
    Object.keys(params).forEach(function (name) {
      if (params[name] !== "" && params[name] !== null && params[name] !== undefined) url.searchParams.set(name, params[name]);
    });
    var res = await fetch(url.toString(), {
      headers: { Authorization: "Bearer " + key, Accept: "application/json" },
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
    var body = null;
    try { body = await res.json(); } catch (ignored) { body = null; }
    if (!res.ok) {
      var message = body && body.error && typeof body.error.message === "string" ? body.error.message : "HTTP " + res.status;
      throw new Error(message);
    }
    return body;
  }

  function endpointOf(entry) {
    return entry.method + " " + (entry.route === null ? entry.path : entry.route);
  }

  function renderLatest(entries) {
    var body = byId("latest").tBodies[0];
    body.replaceChildren();
    var seen = new Set();
    entries.forEach(function (entry) {
      var endpoint = endpointOf(entry);
      if (seen.has(endpoint)) return;
      seen.add(endpoint);
      var row = document.createElement("tr");
      var cell = document.createElement("td");
      var pick = text("button", endpoint, "link");
      pick.type = "button";
      pick.addEventListener("click", function () {
        byId("method").value = entry.method;
        byId("path").value = entry.route === null ? entry.path : entry.route;
        byId("status-filter").value = "";
        loadHistory(false);
      });
      cell.append(pick);
      row.append(cell, text("td", entry.status, statusClass(entry.status)), text("td", when(entry.time)), text("td", entry.userAgent));
      body.append(row);
    });
    if (seen.size === 0) {
      var empty = document.createElement("tr");
      var none = text("td", "No requests in the last 30 days for this key's organization and mode.");
      none.colSpan = 4;
      empty.append(none);
      body.append(empty);
    }
    byId("latest-section").hidden = false;
  }

  function detailsRow(entry) {
    var row = document.createElement("tr");
    row.className = "details";
    var cell = document.createElement("td");
    cell.colSpan = 8;
    var list = document.createElement("dl");
    [
      ["Id", entry.id],
      ["Time", entry.time],
      ["Route", entry.route === null ? "(no route matched)" : entry.route],
      ["Query", entry.query === null ? "(none)" : entry.query],
      ["Request id", entry.requestId],
      ["Error code", entry.errorCode === null ? "(none)" : entry.errorCode],
      ["Credential", credentialText(entry.credential)],
      ["SDK", entry.sdk === null ? "(not sent)" : [entry.sdk.name, entry.sdk.version].filter(Boolean).join(" ")],
    ].forEach(function (pair) { list.append(text("dt", pair[0]), text("dd", pair[1])); });
    cell.append(list);
    row.append(cell);
    return row;
  }

  function appendHistory(entries) {
    var body = byId("history").tBodies[0];
    entries.forEach(function (entry) {
      var row = document.createElement("tr");
      row.tabIndex = 0;
      var path = entry.query === null ? entry.path : entry.path + "?" + entry.query;
      row.append(
        text("td", when(entry.time), "when"),
        text("td", entry.method),
        text("td", path, "path"),
        text("td", entry.status, statusClass(entry.status)),
        text("td", entry.errorCode),
        text("td", entry.durationMs),
        text("td", entry.userAgent),
        text("td", credentialText(entry.credential)),
      );
      var details = null;
      var toggle = function () {
        if (details) { details.remove(); details = null; return; }
        details = detailsRow(entry);
        row.after(details);
      };
      row.addEventListener("click", toggle);
      row.addEventListener("keydown", function (event) { if (event.key === "Enter") toggle(); });
      body.append(row);
    });
  }

  function filters() {
    return { method: byId("method").value, status: byId("status-filter").value, path: byId("path").value.trim() };
  }

  async function loadHistory(more) {
    var params = filters();
    params.limit = "50";
    if (more && nextCursor) params.startingAfter = nextCursor;
    if (!more) byId("history").tBodies[0].replaceChildren();
    try {
      var page = await fetchPage(params);
      appendHistory(page.data);
      nextCursor = page.hasMore && page.data.length > 0 ? page.data[page.data.length - 1].id : null;
      byId("more").hidden = nextCursor === null;
      byId("history-section").hidden = false;
      if (!more && page.data.length === 0) say("No requests match these filters.", false);
    } catch (error) {
      say(error.message, true);
    }
  }

  async function start() {
    say("Loading…", false);
    try {
      var latest = await fetchPage({ limit: "100" });
      renderLatest(latest.data);
      say("Requests of " + modeOf(key) + ", newest first.", false);
      await loadHistory(false);
    } catch (error) {
      say(error.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var stored = window.sessionStorage.getItem(STORE);
    if (stored) {
      key = stored;
      byId("remember").checked = true;
      start();
    }
    byId("key-form").addEventListener("submit", function (event) {
      event.preventDefault();
      key = byId("key").value.trim();
      byId("key").value = "";
      if (byId("remember").checked) window.sessionStorage.setItem(STORE, key);
      else window.sessionStorage.removeItem(STORE);
      if (key) start();
    });
    byId("forget").addEventListener("click", function () {
      key = "";
      window.sessionStorage.removeItem(STORE);
      byId("remember").checked = false;
      byId("latest-section").hidden = true;
      byId("history-section").hidden = true;
      byId("latest").tBodies[0].replaceChildren();
      byId("history").tBodies[0].replaceChildren();
      say("The key is forgotten.", false);
    });
    byId("filters").addEventListener("submit", function (event) { event.preventDefault(); loadHistory(false); });
    byId("clear").addEventListener("click", function () {
      byId("method").value = "";
      byId("status-filter").value = "";
      byId("path").value = "";
      loadHistory(false);
    });
    byId("more").addEventListener("click", function () { loadHistory(true); });
  });
})();
`;
