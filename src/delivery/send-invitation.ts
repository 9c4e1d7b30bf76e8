import { DEFAULT_LOCALE, isLocaleCode } from "../core/locales";
import { renderInvitationEmail, renderInvitationSms } from "../core/render-invitation";
import { renderVortexEmail } from "../core/render-vortex-email";
import { startUrl } from "../core/start-url";
import { vortexFields } from "../core/vortex-fields";
import type { DeliveryContext } from "../db/deliveries-repo";
import type { Providers } from "./providers";
import type { SendContext, SendOutcome } from "./providers/types";

/** Renders the invitation in its dialect and locale and hands it to the channel's provider. */
export async function sendInvitation(
  env: Env,
  providers: Providers,
  delivery: DeliveryContext,
  context: SendContext,
): Promise<SendOutcome> {
  const { invitation } = delivery;
  if (invitation.dialect === "vortex")
    return sendBrandedEmail(env, providers, delivery, context, vortexEmail(env, delivery));
  const input = {
    locale: isLocaleCode(invitation.locale) ? invitation.locale : DEFAULT_LOCALE,
    organizationName: delivery.organizationName,
    workflowName: delivery.workflowName ?? "",
    recipientName: invitation.recipientName,
    url: startUrl(env.START_ORIGIN, invitation.workflowToken, invitation.token),
    expiresAt: invitation.expiresAt,
  };
  if (invitation.channel === "sms") {
    return providers.sms.sendSms({ to: invitation.recipient, text: renderInvitationSms(input) }, context);
  }
  return sendBrandedEmail(env, providers, delivery, context, renderInvitationEmail(input));
}

/** RFC 5322 display name: quoted, with quotes and backslashes escaped, line breaks removed. */
export function quoteDisplayName(name: string): string {
  return `"${name.replace(/[\r\n]+/g, " ").replace(/(["\\])/g, "\\$1")}"`;
}

/** A Vortex e-mail: the widget configuration's template, the template variables, the short link. */
function vortexEmail(env: Env, delivery: DeliveryContext): { subject: string; html: string; text: string } {
  const { invitation } = delivery;
  const data = vortexFields(invitation.vortex);
  return renderVortexEmail({
    organizationName: delivery.organizationName,
    inviterName: data.inviter?.name ?? null,
    subjectTemplate: delivery.widget?.emailSubject ?? null,
    bodyTemplate: delivery.widget?.emailTemplate ?? null,
    variables: data.templateVariables ?? {},
    scopeName: data.scopeName ?? null,
    link: new URL(`/i/${invitation.shortCode ?? ""}`, env.SHORT_LINK_ORIGIN).toString(),
  });
}

/** Every invitation e-mail comes from `"<Organization>" <<slug>@<EMAIL_FROM_DOMAIN>>`, replies to the organization. */
function sendBrandedEmail(
  env: Env,
  providers: Providers,
  delivery: DeliveryContext,
  context: SendContext,
  email: { subject: string; html: string; text: string },
): Promise<SendOutcome> {
  return providers.email.sendEmail(
    {
      from: `${quoteDisplayName(delivery.organizationName)} <${delivery.organizationSlug}@${env.EMAIL_FROM_DOMAIN}>`,
      to: delivery.invitation.recipient,
      replyTo: delivery.replyTo,
      ...email,
    },
    context,
  );
}
