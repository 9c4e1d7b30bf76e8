import { z } from "zod";

const text = z.string().optional().catch(undefined);

/**
 * The Vortex fields an invitation carries in its `vortex` JSON column (who invited, whom, from which widget,
 * the template variables, the unfurl settings, the customer's metadata). The column is parsed with this at
 * read time, never cast: a field that does not have its shape reads as absent, and the others stay usable.
 */
export const VortexFieldsSchema = z.object({
  widgetConfigurationId: text,
  target: z.object({ type: text, name: text, avatarUrl: text }).optional().catch(undefined),
  inviter: z
    .object({ userId: text, userEmail: text, name: text, avatarUrl: text })
    .optional()
    .catch(undefined),
  source: text,
  subtype: text,
  /** The first scope's name as the caller gave it, for the e-mail's `{{teamName}}` (no read of the groups). */
  scopeName: text,
  templateVariables: z.record(z.string(), z.string()).optional().catch(undefined),
  metadata: z.unknown().optional(),
  unfurlConfig: z
    .object({ title: text, description: text, image: text, type: text, siteName: text })
    .optional()
    .catch(undefined),
});
export type VortexFields = z.infer<typeof VortexFieldsSchema>;

/** The Vortex fields of a stored invitation (none for an AutoDoc one). */
export function vortexFields(column: unknown): VortexFields {
  const parsed = VortexFieldsSchema.safeParse(column ?? {});
  return parsed.success ? parsed.data : {};
}
