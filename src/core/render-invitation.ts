import type { LocaleCode } from "./locales";

/** Everything needed to write one invitation, in any channel. */
export interface InvitationMessageInput {
  locale: LocaleCode;
  organizationName: string;
  workflowName: string;
  recipientName: string | null;
  /** The recipient's link, e.g. https://start.auto-doc.ai/wf_abc?invitation_token=adi_xyz */
  url: string;
  expiresAt: Date;
}

export { renderInvitationEmail } from "./render-email";
export { renderInvitationSms } from "./render-sms";
