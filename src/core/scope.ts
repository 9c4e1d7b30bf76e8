/**
 * What every read and write of a caller's data is confined to: one organization, in one mode. Test and live
 * are separate worlds. A principal is a scope with more about its caller.
 */
export interface Scope {
  organizationId: string;
  livemode: boolean;
}
