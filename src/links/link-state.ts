import { isExpired } from "../core/invitation-status";
import type { LinkPageKind } from "./link-pages";

/** What a link's answer depends on, beyond being found: its deactivation and its expiry. */
export interface LinkValidity {
  deactivated: boolean;
  /** The reason on its `invitation.deactivated` event: `revoked`, `declined` or `scope_deleted`. */
  deactivationReason: string | null;
  expiresAt: Date;
}

/**
 * Which page a found link answers with (410) at `now`, or null when it is valid. A deactivation wins over
 * an expiry: it is the later, deliberate act. A decline is the recipient's own; every other deactivation
 * (a revoke, the sender's deleting the group invited to, a reason this code does not know) was the
 * sender's, so the page says the sender withdrew it.
 */
export function closedLinkPage(link: LinkValidity, now: Date): Exclude<LinkPageKind, "not_found"> | null {
  if (link.deactivated) return link.deactivationReason === "declined" ? "declined" : "withdrawn";
  return isExpired(link.expiresAt, now) ? "expired" : null;
}
