import type { Plan } from "../db/plan";
import { type CommitContext, commit } from "./commit";

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * The writes of several items (a queue batch's messages) committed as one batch: `write(items)` answers
 * one value per item. Should that batch fail, each item is committed alone, so that an item whose write
 * cannot succeed (a row that cannot be read, a statement that keeps failing) fails alone: its error is its
 * answer, and the others' values are theirs.
 */
export async function commitTogether<Item, T>(
  ctx: CommitContext,
  items: readonly Item[],
  write: (items: readonly Item[]) => Plan<T[]>,
): Promise<(T | undefined | Error)[]> {
  if (items.length === 0) return [];
  try {
    return await commit(ctx, write(items));
  } catch (error) {
    if (items.length === 1) return [asError(error)];
    return Promise.all(
      items.map(async (item) => {
        try {
          const [value] = await commit(ctx, write([item]));
          return value;
        } catch (alone) {
          return asError(alone);
        }
      }),
    );
  }
}
