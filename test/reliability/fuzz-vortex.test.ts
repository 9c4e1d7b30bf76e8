import { defineFuzzSuite } from "./fuzz-suite";

await defineFuzzSuite("vortex", [
  "POST /api/v1/invitations",
  "DELETE /api/v1/invitations/{id}",
  "POST /api/v1/invitations/{id}/reinvite",
  "POST /api/v1/invitations/accept",
  "POST /api/v1/invitations/autojoin",
  "POST /api/v1/invitations/sync-internal-invitation",
  "DELETE /api/v1/invitations/by-scope/{scopeType}/{scope}",
]);
