import { escapeHtml } from "./html";

export interface VortexEmailInput {
  organizationName: string;
  inviterName: string | null;
  subjectTemplate: string | null;
  bodyTemplate: string | null;
  variables: Record<string, string>;
  /** The invitation's short link, where the recipient lands. */
  link: string;
}

const DEFAULT_SUBJECT = "{{inviterName}} invited you to join {{organizationName}}";
const DEFAULT_BODY = "{{inviterName}} invited you to join {{organizationName}}.";
const ANONYMOUS_SUBJECT = "You're invited to join {{organizationName}}";
const ANONYMOUS_BODY = "You're invited to join {{organizationName}}.";

/** Fills `{{name}}` placeholders; unknown names become empty rather than leaking the placeholder. */
function fill(template: string, values: Record<string, string>, encode: (v: string) => string): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (_, name: string) =>
    encode(values[name] ?? ""),
  );
}

/**
 * A Vortex invitation e-mail from the widget configuration's subject and template with the invitation's
 * `templateVariables` (plus `inviterName`, `organizationName` and `link`). Values are escaped in the HTML.
 */
export function renderVortexEmail(input: VortexEmailInput): { subject: string; html: string; text: string } {
  const values = {
    ...input.variables,
    inviterName: input.inviterName ?? "",
    organizationName: input.organizationName,
    link: input.link,
  };
  const named = input.inviterName !== null && input.inviterName !== "";
  const subjectTemplate = input.subjectTemplate ?? (named ? DEFAULT_SUBJECT : ANONYMOUS_SUBJECT);
  const subject = fill(subjectTemplate, values, (v) => v).replace(/[\r\n]+/g, " ");
  const body = input.bodyTemplate ?? (named ? DEFAULT_BODY : ANONYMOUS_BODY);
  const text = `${fill(body, values, (v) => v)}\n\n${input.link}\n`;
  const paragraphs = fill(body, values, escapeHtml)
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${p.replace(/\n/g, "<br>")}</p>`)
    .join("");
  const href = escapeHtml(input.link);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;padding:32px">
<tr><td>${paragraphs}<p style="margin:24px 0"><a href="${href}" style="background:#2563eb;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Accept invitation</a></p>
<p style="font-size:13px;color:#6b7280">${href}</p></td></tr></table></td></tr></table></body></html>`;
  return { subject, html, text };
}
