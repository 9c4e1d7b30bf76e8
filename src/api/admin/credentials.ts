import type { Database } from "../../db/client";
import type { CredentialPage, CredentialPageRequest, CredentialRecord } from "../../db/credential-pages";
import { ApiError, fieldError, validationError } from "../../http/errors";
import { forgetPrincipals } from "../../http/principal-cache";
import { requireOrganization } from "./require-organization";

export type CredentialObject = "api_key" | "vortex_key";

/** One kind of key as the operator routes see it: its name in responses and its storage. */
export interface CredentialStore<O extends CredentialObject, L extends string | null> {
  object: O;
  /** How messages name it: "key", "Vortex key". */
  noun: string;
  list(
    db: Database,
    organizationId: string,
    page: CredentialPageRequest,
  ): Promise<CredentialPage<CredentialRecord<L>> | null>;
  revoke(db: Database, organizationId: string, id: string, now: Date): Promise<CredentialRecord<L> | null>;
}

/** A key as the operator sees it; the secret only when it was just made (it is shown once). */
export function credentialView<O extends CredentialObject, L extends string | null>(
  object: O,
  record: CredentialRecord<L>,
  secret?: string,
) {
  return {
    id: record.id,
    object,
    ...(secret === undefined ? {} : { key: secret }),
    last4: record.last4,
    mode: record.livemode ? ("live" as const) : ("test" as const),
    createdAt: record.createdAt.toISOString(),
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}

/** One page of an organization's keys of one kind, both modes, newest first. */
export async function listCredentials<O extends CredentialObject, L extends string | null>(
  db: Database,
  slug: string,
  page: CredentialPageRequest,
  store: CredentialStore<O, L>,
) {
  const organization = await requireOrganization(db, slug);
  const found = await store.list(db, organization.id, page);
  if (!found) {
    const names = `names no ${store.noun} of organization "${slug}" ("${page.startingAfter}")`;
    throw validationError([fieldError("startingAfter", names)]);
  }
  const data = found.records.map((record) => credentialView(store.object, record));
  return { object: "list" as const, data, hasMore: found.hasMore };
}

/**
 * Revokes a key at once in this isolate (its principal cache is forgotten) and, through the cache's TTL,
 * within PRINCIPAL_CACHE_TTL_MS everywhere. An unknown or already revoked key is a 404.
 */
export async function revokeCredential<O extends CredentialObject, L extends string | null>(
  db: Database,
  slug: string,
  id: string,
  store: CredentialStore<O, L>,
) {
  const organization = await requireOrganization(db, slug);
  const revoked = await store.revoke(db, organization.id, id, new Date());
  if (!revoked) throw new ApiError("not_found", `No active ${store.noun} "${id}" in organization "${slug}".`);
  forgetPrincipals();
  return credentialView(store.object, revoked);
}
