// What an invitation's lifecycle costs at Cloudflare's published prices (Workers Paid, usage beyond what the
// plan includes): the marginal dollars per million invitations. Not in it: CPU time, Durable Object duration,
// storage, the plan's $5 a month and its included usage.
import type { LifecycleFigures } from "./lifecycle.ts";

/** Prices in USD, as published on the pages named in `sources` (checked 2026-12-01). */
export const PRICES = {
  d1RowReadPerMillion: 0.001,
  d1RowWrittenPerMillion: 1.0,
  durableObjectRequestPerMillion: 0.15,
  queueOperationPerMillion: 0.4,
  /** "In most cases, it takes 3 operations to deliver a message: 1 write, 1 read, and 1 delete." */
  queueOperationsPerMessage: 3,
  workersRequestPerMillion: 0.3,
  sources: {
    d1: "https://developers.cloudflare.com/d1/platform/pricing/",
    durableObjects: "https://developers.cloudflare.com/durable-objects/platform/pricing/",
    queues: "https://developers.cloudflare.com/queues/platform/pricing/",
    workers: "https://developers.cloudflare.com/workers/platform/pricing/",
  },
} as const;

export interface LifecycleCost {
  totalUsd: number;
  d1RowsReadUsd: number;
  d1RowsWrittenUsd: number;
  durableObjectsUsd: number;
  queuesUsd: number;
  /**
   * Workers requests: the fetches, and the queue consumer's batches counted as requests too (an upper bound:
   * the pricing page bills inbound requests).
   */
  workersUsd: number;
}

/** Dollars for a million invitations, each costing `perInvitation`. */
export function costPerMillion(perInvitation: LifecycleFigures): LifecycleCost {
  // Per million invitations, a figure per invitation in millions is the figure itself.
  const usd = (count: number, pricePerMillion: number) => Math.round(count * pricePerMillion * 1000) / 1000;
  const parts = {
    d1RowsReadUsd: usd(perInvitation.rowsRead, PRICES.d1RowReadPerMillion),
    d1RowsWrittenUsd: usd(perInvitation.rowsWritten, PRICES.d1RowWrittenPerMillion),
    durableObjectsUsd: usd(perInvitation.doRequests, PRICES.durableObjectRequestPerMillion),
    queuesUsd: usd(
      perInvitation.queueMessages * PRICES.queueOperationsPerMessage,
      PRICES.queueOperationPerMillion,
    ),
    workersUsd: usd(
      perInvitation.invocations.fetch + perInvitation.invocations.queueBatches,
      PRICES.workersRequestPerMillion,
    ),
  };
  const total = Object.values(parts).reduce((sum, part) => sum + part, 0);
  return { totalUsd: Math.round(total * 1000) / 1000, ...parts };
}
