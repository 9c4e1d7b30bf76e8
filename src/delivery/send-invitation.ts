import { isExpired } from "../core/invitation-status";
import { DEFAULT_LOCALE, isLocaleCode } from "../core/locales";
import { renderInvitationEmail, renderInvitationSms } from "../core/render-invitation";
import { startUrl } from "../core/start-url";
import type { DeliveryContext } from "../db/deliveries-repo";
import type { Providers } from "./providers";
import type { SendContext, SendOutcome } from "./providers/types";

/** Renders the invitation in its locale and hands it to the channel's provider. */
export async function sendInvitation(
  env: Env,
  providers: Providers,
  delivery: DeliveryContext,
  context: SendContext,
): Promise<SendOutcome> {
  const { invitation } = delivery;
  const input = {
    locale: isLocaleCode(invitation.locale) ? invitation.locale : DEFAULT_LOCALE,
    organizationName: delivery.organizationName,
    workflowName: delivery.workflowName,
    recipientName: invitation.recipientName,
    url: startUrl(env.START_ORIGIN, invitation.workflowToken, invitation.token),
    expiresAt: invitation.expiresAt,
  };
  if (invitation.channel === "sms") {
    return providers.sms.sendSms({ to: invitation.recipient, text: renderInvitationSms(input) }, context);
  }
  const email = renderInvitationEmail(input);
  return providers.email.sendEmail(
    {
      from: `${quoteDisplayName(delivery.organizationName)} <${delivery.organizationSlug}@${env.EMAIL_FROM_DOMAIN}>`,
      to: invitation.recipient,
      replyTo: delivery.replyTo,
      ...email,
    },
    context,
  );
}

/** RFC 5322 display name: quoted, with quotes and backslashes escaped, line breaks removed. */
export function quoteDisplayName(name: string): string {
  return `"${name.replace(/[\r\n]+/g, " ").replace(/(["\\])/g, "\\$1")}"`;
}

/** Why a stored delivery should not be sent at all, or null when it should. */
export function reasonNotToSend(delivery: DeliveryContext, attempt: number, now: Date): string | null {
  const { invitation } = delivery;
  if (invitation.deliveryAttempts >= attempt) return "already sent";
  if (invitation.status !== "pending" && invitation.status !== "sending")
    return `status is ${invitation.status}`;
  if (isExpired(invitation.expiresAt, now)) return "expired";
  return null;
}
