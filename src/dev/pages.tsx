import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { renderHtmlDocument } from "../core/html";
import type { OutboxRow } from "../db/outbox-repo";
import type { VisitorStubInvitation } from "../db/visitor-stub-repo";

// A constant: style content is not HTML text (entities are not decoded there), so it goes in unescaped.
const STYLE =
  raw(`body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1f2937}
article{border:1px solid #e5e7eb;border-radius:8px;margin:1rem 0;padding:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}dt{font-weight:600}dd{margin:0}
iframe{width:100%;height:560px;border:1px solid #e5e7eb;border-radius:6px}pre{white-space:pre-wrap;background:#f9fafb;padding:.75rem}`);

function layout(title: string, body: Child): string {
  return renderHtmlDocument(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>{title}</title>
        <style>{STYLE}</style>
      </head>
      <body>{body}</body>
    </html>,
  );
}

function MessageCard(props: { row: OutboxRow }) {
  const { row } = props;
  const header = [
    ["Created", row.createdAt.toISOString()],
    ["Channel", row.channel],
    ["From", row.fromAddress ?? ""],
    ["To", row.toAddress],
    ["Reply-To", row.replyTo ?? ""],
    ["Subject", row.subject ?? ""],
    ["Invitation", `${row.invitationToken} (attempt ${row.attempt}, ${row.livemode ? "live" : "test"})`],
  ].filter(([, value]) => value !== "");
  return (
    <article>
      <dl>
        {header.map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      {/* The e-mail is shown in a sandboxed frame so that its markup cannot touch this page. */}
      {row.html ? (
        <iframe title={row.subject ?? "E-mail"} sandbox="" srcdoc={row.html} />
      ) : (
        <pre>{row.text}</pre>
      )}
    </article>
  );
}

/** The development outbox: the newest rendered messages of every organization. */
export function renderOutboxPage(rows: OutboxRow[]): string {
  return layout(
    "Outbox",
    <>
      <h1>Outbox</h1>
      <p>Newest first, {rows.length} shown.</p>
      {rows.length ? (
        rows.map((row) => <MessageCard row={row} />)
      ) : (
        <p>No messages yet. Create an invitation.</p>
      )}
    </>,
  );
}

/**
 * Where the recipient's link lands locally, in place of the AutoDoc visitor app (or a Vortex customer's
 * landing page): it names the invitation it was opened for, so a click can be checked by eye. `invitation`
 * is null when the link named none that this database holds.
 */
export function renderVisitorPlaceholder(
  workflowToken: string,
  invitationToken: string,
  invitation: VisitorStubInvitation | null,
): string {
  if (invitation === null) {
    return layout(
      "Visitor app (development): no invitation",
      <>
        <h1>Visitor app</h1>
        <p>
          This link names no invitation that this database holds: <code>{invitationToken || "(none)"}</code>.
        </p>
      </>,
    );
  }
  const recipient = invitation.recipientName
    ? `${invitation.recipientName} <${invitation.recipient}>`
    : invitation.recipient;
  const facts = [
    ["Invitation", invitation.token],
    ["Recipient", recipient],
    ["From", invitation.organizationName],
    [invitation.dialect === "vortex" ? "Widget" : "Workflow", invitation.workflowToken],
    ["Status", invitation.status],
  ];
  return layout(
    `Visitor app (development): ${recipient}`,
    <>
      <h1>Visitor app</h1>
      <p>
        Opened for the invitation to <strong>{recipient}</strong> from {invitation.organizationName}.
      </p>
      <dl>
        {facts.map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <p>
        In production the{" "}
        {invitation.dialect === "vortex" ? "customer's landing page" : "AutoDoc visitor app"} opens here:{" "}
        <code>{workflowToken}</code> for invitation <code>{invitationToken}</code>.
      </p>
    </>,
  );
}
