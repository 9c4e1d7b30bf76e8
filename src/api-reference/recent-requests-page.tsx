import { renderHtmlDocument } from "../core/html";

/** Where the page's own script and style are served (same origin: the page loads nothing from elsewhere). */
export const SCRIPT_PATH = "/docs/requests.js";
export const STYLE_PATH = "/docs/requests.css";

/**
 * What the page may do, said to the browser: its own script and style only, requests to this origin only
 * (the API), no form submission (so a key can never end up in a URL), not framed, no base URL.
 */
export const PAGE_SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

const STATUS_CLASSES = ["", "1xx", "2xx", "3xx", "4xx", "5xx"];

/**
 * The "Recent requests" page beside the API reference: static markup, no data in it. The script fills it
 * from `GET /v1/autodoc/requests` with the key the person pastes, building every cell with textContent.
 */
export function renderRecentRequestsPage(): string {
  return renderHtmlDocument(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>Recent requests · Invitations API</title>
        <link rel="stylesheet" href={STYLE_PATH} />
        <script src={SCRIPT_PATH} defer />
      </head>
      <body>
        <header>
          <h1>Recent requests</h1>
          <nav>
            <a href="/docs">API reference</a>
          </nav>
        </header>
        <main>
          <section aria-labelledby="key-title">
            <h2 id="key-title">Your key</h2>
            {/* No `name` on the input and no action: the key is never submitted as a form. */}
            <form id="key-form" autocomplete="off">
              <label for="key">Secret key (sk_test_… or sk_live_…) or a JWT</label>
              <div class="row">
                <input id="key" type="password" autocomplete="off" spellcheck={false} required />
                <button type="submit">Show requests</button>
                <button type="button" id="forget">
                  Forget key
                </button>
              </div>
              <label class="check">
                <input id="remember" type="checkbox" /> Keep it in this tab until it closes (sessionStorage)
              </label>
            </form>
            <p class="note">
              The key goes only to this API (<code>GET /v1/autodoc/requests</code> on this site), in the
              Authorization header. It is kept in this page's memory, or in this tab if you tick the box, and
              nowhere else. Each key shows its own mode: a test key the test requests, a live key the live
              ones.
            </p>
            <p id="status" role="status" aria-live="polite" />
          </section>
          <section aria-labelledby="latest-title" id="latest-section" hidden>
            <h2 id="latest-title">Latest request per endpoint</h2>
            <p class="note">Among the last 100 requests. Choose an endpoint to see its history.</p>
            <table id="latest">
              <thead>
                <tr>
                  <th>Endpoint</th>
                  <th>Status</th>
                  <th>When</th>
                  <th>User agent</th>
                </tr>
              </thead>
              <tbody />
            </table>
          </section>
          <section aria-labelledby="history-title" id="history-section" hidden>
            <h2 id="history-title">History</h2>
            <form id="filters" class="row">
              <label>
                Method{" "}
                <select id="method">
                  {["", "GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"].map((m) => (
                    <option value={m}>{m || "any"}</option>
                  ))}
                </select>
              </label>
              <label>
                Status{" "}
                <select id="status-filter">
                  {STATUS_CLASSES.map((s) => (
                    <option value={s}>{s || "any"}</option>
                  ))}
                </select>
              </label>
              <label class="grow">
                Path or route <input id="path" type="text" placeholder="/v1/autodoc/invitations/{token}" />
              </label>
              <button type="submit">Filter</button>
              <button type="button" id="clear">
                Clear
              </button>
            </form>
            <table id="history">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Method</th>
                  <th>Path</th>
                  <th>Status</th>
                  <th>Error</th>
                  <th>ms</th>
                  <th>User agent</th>
                  <th>Credential</th>
                </tr>
              </thead>
              <tbody />
            </table>
            <p class="note">Select a row for its request id, route and SDK.</p>
            <button type="button" id="more" hidden>
              Load older requests
            </button>
          </section>
        </main>
        <noscript>This page needs JavaScript to call the API with your key.</noscript>
      </body>
    </html>,
  );
}
