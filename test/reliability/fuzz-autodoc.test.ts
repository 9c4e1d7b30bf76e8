import { defineFuzzSuite } from "./fuzz-suite";

await defineFuzzSuite("autodoc", [
  "POST /v1/autodoc/workflows",
  "POST /v1/autodoc/workflows/{token}/archive",
  "POST /v1/autodoc/invitations",
  "POST /v1/autodoc/invitations/{token}/resend",
  "POST /v1/autodoc/invitations/{token}/events",
  "POST /v1/autodoc/webhook_endpoints",
  "DELETE /v1/autodoc/webhook_endpoints/{id}",
]);
