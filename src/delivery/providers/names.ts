/** The provider names recorded on each send; provider events find their send by (name, message id). */
export const OUTBOX_PROVIDER = "outbox";
export const RESEND_PROVIDER = "resend";
export const TWILIO_PROVIDER = "twilio";
export const CLOUDFLARE_EMAIL_PROVIDER = "cloudflare-email";
