import { and, desc, eq } from "drizzle-orm";
import type { Scope } from "../core/scope";
import type { Database } from "./client";
import { workflows } from "./schema";

export type WorkflowRow = typeof workflows.$inferSelect;

const inScope = (scope: Scope) =>
  and(eq(workflows.organizationId, scope.organizationId), eq(workflows.livemode, scope.livemode));

/** Inserts unless the token is taken in this organization and mode (answers null then). */
export async function insertWorkflow(
  db: Database,
  row: typeof workflows.$inferInsert,
): Promise<WorkflowRow | null> {
  const [created] = await db.insert(workflows).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

export async function listWorkflows(db: Database, scope: Scope): Promise<WorkflowRow[]> {
  return db.select().from(workflows).where(inScope(scope)).orderBy(desc(workflows.createdAt)).limit(1000);
}

export async function findWorkflow(db: Database, scope: Scope, token: string): Promise<WorkflowRow | null> {
  return (
    (await db
      .select()
      .from(workflows)
      .where(and(inScope(scope), eq(workflows.token, token)))
      .get()) ?? null
  );
}

export async function archiveWorkflow(
  db: Database,
  scope: Scope,
  token: string,
): Promise<WorkflowRow | null> {
  const [row] = await db
    .update(workflows)
    .set({ archived: true })
    .where(and(inScope(scope), eq(workflows.token, token)))
    .returning();
  return row ?? null;
}
