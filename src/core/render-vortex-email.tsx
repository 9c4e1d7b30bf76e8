import { renderEmailDocument } from "./email-frame";
import { builtHttpUrl } from "./safe-url";
import { fillTemplate } from "./template-fill";

export interface VortexEmailInput {
  organizationName: string;
  inviterName: string | null;
  subjectTemplate: string | null;
  bodyTemplate: string | null;
  variables: Record<string, string>;
  /** The name of the scope the invitation joins, for `{{teamName}}` and its aliases when no variable gives one. */
  scopeName?: string | null;
  /** The invitation's short link, where the recipient lands. */
  link: string;
}

const DEFAULT_SUBJECT = "{{inviterName}} invited you to join {{organizationName}}";
const DEFAULT_BODY = "{{inviterName}} invited you to join {{organizationName}}.";
const ANONYMOUS_SUBJECT = "You're invited to join {{organizationName}}";
const ANONYMOUS_BODY = "You're invited to join {{organizationName}}.";

/** Plain text as paragraphs (split at blank lines) of lines; the text stays text, whatever it contains. */
function Paragraphs(props: { text: string }) {
  const paragraphs = props.text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "");
  return (
    <>
      {paragraphs.map((paragraph) => (
        <p style="margin:0 0 16px">
          {paragraph.split("\n").map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/**
 * A Vortex invitation e-mail from the widget configuration's subject and template with the invitation's
 * `templateVariables` (plus `inviterName`, `organizationName`, `link`, and the scope's name for `teamName`);
 * a placeholder without a value follows `fillTemplate`'s rule, never a blank word. The template is plain text, not
 * HTML: filled in, then rendered as escaped paragraphs (blank lines) and line breaks, so neither the template
 * nor a variable can add markup or an attribute. The only link is the short link, an http(s) URL we built.
 */
export function renderVortexEmail(input: VortexEmailInput): { subject: string; html: string; text: string } {
  const href = builtHttpUrl(input.link, "The short link");
  const templateInput = {
    values: {
      ...input.variables,
      inviterName: input.inviterName,
      organizationName: input.organizationName,
      link: href,
    },
    scopeName: input.scopeName,
  };
  // A template left with nothing (each sentence needed a missing value) gives way to the default, and the
  // default with the inviter's name to the one without.
  const fill = (template: string | null, fallback: string, anonymous: string) =>
    (template === null ? null : fillTemplate(template, templateInput)) ??
    fillTemplate(fallback, templateInput) ??
    fillTemplate(anonymous, templateInput) ??
    "";
  const subject = fill(input.subjectTemplate, DEFAULT_SUBJECT, ANONYMOUS_SUBJECT).replace(/[\r\n]+/g, " ");
  const body = fill(input.bodyTemplate, DEFAULT_BODY, ANONYMOUS_BODY);
  const text = `${body}\n\n${href}\n`;
  const html = renderEmailDocument({
    lang: "en",
    title: subject,
    bodyStyle: "margin:0;padding:24px;background:#f4f5f7;font-family:Arial,sans-serif;color:#1f2937",
    frame: { width: 560, cardStyle: "background:#fff;border-radius:8px;padding:32px" },
    rows: (
      <tr>
        <td>
          <Paragraphs text={body} />
          <p style="margin:24px 0">
            <a
              href={href}
              style="background:#2563eb;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold"
            >
              Accept invitation
            </a>
          </p>
          <p style="font-size:13px;color:#6b7280">{href}</p>
        </td>
      </tr>
    ),
  });
  return { subject, html, text };
}
