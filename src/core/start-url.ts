/** The recipient's link: `<START_ORIGIN>/<workflow_token>?invitation_token=<token>` (AutoDoc's invitation reference). */
export function startUrl(startOrigin: string, workflowToken: string, invitationToken: string): string {
  const url = new URL(`/${encodeURIComponent(workflowToken)}`, startOrigin);
  url.searchParams.set("invitation_token", invitationToken);
  return url.toString();
}
