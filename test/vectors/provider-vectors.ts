/**
 * Signatures computed in Node by the providers' own libraries, handed to the workerd tests as a binding,
 * so that our verifiers are checked against the providers' published algorithms.
 * (Filled in by the webhook-signature work.)
 */
export async function providerVectors(): Promise<Record<string, unknown>> {
  return {};
}
