import type { Child } from "hono/jsx";
import { renderEmailDocument } from "./email-frame";
import { type LocaleCode, messagesFor } from "./locales";
import type { InvitationMessageInput } from "./render-invitation";
import { builtHttpUrl } from "./safe-url";

// Brand palette, kept to colours that hold up in the light and dark themes mail clients force on us.
const COLORS = {
  page: "#f3f4f6",
  card: "#ffffff",
  text: "#1f2937",
  muted: "#6b7280",
  border: "#e5e7eb",
  accent: "#2f5bea",
  accentText: "#ffffff",
} as const;
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
// Zero-width filler after the preheader, so that clients do not pull body text into the inbox preview.
const PREHEADER_FILLER = "\u034f\u200c\u00a0".repeat(40);

const dateFormats = new Map<LocaleCode, Intl.DateTimeFormat>();

/** The expiry date as recipients of that language write it; UTC so the day does not depend on the server. */
export function formatExpiryDate(date: Date, locale: LocaleCode): string {
  let format = dateFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

function Paragraph(props: { small?: boolean; marginBottom?: number; children: Child }) {
  const size = props.small ? "font-size:14px;line-height:20px" : "font-size:16px;line-height:24px";
  const color = props.small ? COLORS.muted : COLORS.text;
  const style = `margin:0 0 ${props.marginBottom ?? 16}px;font-family:${FONT};${size};color:${color};`;
  return <p style={style}>{props.children}</p>;
}

/**
 * The invitation e-mail: a localized subject, a complete HTML document built for mail clients (tables,
 * inline styles, hidden preheader) and the same content as plain text. Every value is escaped by hono/jsx;
 * the link must be an http(s) URL.
 */
export function renderInvitationEmail(input: InvitationMessageInput): {
  subject: string;
  html: string;
  text: string;
} {
  const { email } = messagesFor(input.locale);
  const names = { organizationName: input.organizationName, workflowName: input.workflowName };
  const greeting = input.recipientName ? email.greetingNamed(input.recipientName) : email.greetingAnonymous;
  const expiry = email.expiry(formatExpiryDate(input.expiresAt, input.locale));
  // A line break in a name would otherwise end the Subject header in providers that do not fold it.
  const subject = email.subject(names).replace(/[\r\n\t]+/g, " ");
  const href = builtHttpUrl(input.url, "The invitation link");

  const text = [
    greeting,
    email.body(names),
    `${email.textLinkIntro}\n${input.url}`,
    expiry,
    `--\n${email.footer(input.organizationName)}`,
  ].join("\n\n");

  const html = renderEmailDocument({
    lang: input.locale,
    title: subject,
    bodyStyle: `margin:0;padding:0;background-color:${COLORS.page};`,
    beforeFrame: (
      <div
        style={`display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:${COLORS.page};`}
      >
        {email.preheader(names)}
        {PREHEADER_FILLER}
      </div>
    ),
    frame: {
      pageStyle: `background-color:${COLORS.page};`,
      pageCellStyle: "padding:32px 12px;",
      width: 600,
      cardStyle: `width:100%;max-width:600px;background-color:${COLORS.card};border:1px solid ${COLORS.border};border-radius:8px;`,
    },
    rows: (
      <>
        <tr>
          <td
            style={`padding:24px 32px;border-bottom:3px solid ${COLORS.accent};font-family:${FONT};font-size:20px;line-height:28px;font-weight:bold;color:${COLORS.text};`}
          >
            {input.organizationName}
          </td>
        </tr>
        <tr>
          <td style="padding:32px 32px 16px;">
            <Paragraph>{greeting}</Paragraph>
            <Paragraph marginBottom={24}>{email.body(names)}</Paragraph>
            <table role="presentation" cellpadding="0" cellspacing="0" border={0} style="margin:0 0 24px;">
              <tr>
                <td
                  align="center"
                  bgcolor={COLORS.accent}
                  style={`border-radius:6px;background-color:${COLORS.accent};`}
                >
                  <a
                    href={href}
                    target="_blank"
                    style={`display:inline-block;padding:14px 28px;font-family:${FONT};font-size:16px;line-height:20px;font-weight:bold;color:${COLORS.accentText};text-decoration:none;border-radius:6px;`}
                    rel="noopener"
                  >
                    {email.buttonLabel}
                  </a>
                </td>
              </tr>
            </table>
            <Paragraph small marginBottom={4}>
              {email.copyLink}
            </Paragraph>
            <Paragraph small>
              <a
                href={href}
                target="_blank"
                style={`color:${COLORS.accent};text-decoration:underline;word-break:break-all;`}
                rel="noopener"
              >
                {href}
              </a>
            </Paragraph>
            <Paragraph small>{expiry}</Paragraph>
          </td>
        </tr>
        <tr>
          <td
            style={`padding:16px 32px 24px;border-top:1px solid ${COLORS.border};font-family:${FONT};font-size:12px;line-height:18px;color:${COLORS.muted};`}
          >
            {email.footer(input.organizationName)}
          </td>
        </tr>
      </>
    ),
  });

  return { subject, html, text };
}
