import type { Database } from "../../db/client";
import { findOrganizationBySlug } from "../../db/organizations-repo";
import { ApiError } from "../../http/errors";

/** The organization an operator route names, or the 404 every such route gives for an unknown slug. */
export async function requireOrganization(db: Database, slug: string) {
  const organization = await findOrganizationBySlug(db, slug);
  if (!organization) throw new ApiError("not_found", `No organization with slug "${slug}".`);
  return organization;
}
