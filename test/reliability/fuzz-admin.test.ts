import { defineFuzzSuite } from "./fuzz-suite";

await defineFuzzSuite("admin", [
  "POST /admin/organizations",
  "PATCH /admin/organizations/{slug}",
  "POST /admin/organizations/{slug}/keys",
  "DELETE /admin/organizations/{slug}/keys/{id}",
  "POST /admin/organizations/{slug}/vortex-keys",
  "DELETE /admin/organizations/{slug}/vortex-keys/{id}",
  "POST /admin/organizations/{slug}/widget-configurations",
]);
