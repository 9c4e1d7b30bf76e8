import { escapeHtml } from "../core/html";
import type { OutboxRow } from "../db/outbox-repo";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1f2937}
article{border:1px solid #e5e7eb;border-radius:8px;margin:1rem 0;padding:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}dt{font-weight:600}dd{margin:0}
iframe{width:100%;height:560px;border:1px solid #e5e7eb;border-radius:6px}pre{white-space:pre-wrap;background:#f9fafb;padding:.75rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function messageCard(row: OutboxRow): string {
  const header = [
    ["Created", row.createdAt.toISOString()],
    ["Channel", row.channel],
    ["From", row.fromAddress ?? ""],
    ["To", row.toAddress],
    ["Reply-To", row.replyTo ?? ""],
    ["Subject", row.subject ?? ""],
    ["Invitation", `${row.invitationToken} (attempt ${row.attempt}, ${row.livemode ? "live" : "test"})`],
  ]
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `<dt>${escapeHtml(name ?? "")}</dt><dd>${escapeHtml(value ?? "")}</dd>`)
    .join("");
  // The e-mail is shown in a sandboxed frame so that its markup cannot touch this page.
  const content = row.html
    ? `<iframe sandbox="" srcdoc="${escapeHtml(row.html)}"></iframe>`
    : `<pre>${escapeHtml(row.text)}</pre>`;
  return `<article><dl>${header}</dl>${content}</article>`;
}

/** The development outbox: the newest rendered messages of every organization. */
export function renderOutboxPage(rows: OutboxRow[]): string {
  const cards = rows.length
    ? rows.map(messageCard).join("")
    : "<p>No messages yet. Create an invitation.</p>";
  return layout("Outbox", `<h1>Outbox</h1><p>Newest first, ${rows.length} shown.</p>${cards}`);
}

/** Where the recipient's link lands locally, in place of the AutoDoc visitor app. */
export function renderVisitorPlaceholder(workflowToken: string, invitationToken: string): string {
  return layout(
    "Visitor app (development)",
    `<h1>Visitor app</h1><p>In production the AutoDoc visitor app starts workflow <code>${escapeHtml(workflowToken)}</code>
for invitation <code>${escapeHtml(invitationToken)}</code> here.</p>`,
  );
}
