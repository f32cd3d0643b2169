import { IntegrationError } from '../../errors';
import type { UltraCartGate } from '../gate';
import type { UltraCartOrder } from '../order-schema';
import type { RestHttp } from './http';
import { itemResponseSchema, type ItemResponse } from './schemas';

/**
 * The REST order item has no image and no warehouse bin; UltraCart's Item API has both
 * (`content.multimedia[].url`, `shipping.distribution_centers[].stock_picking_location`). Items change rarely, so
 * each SKU is asked once and kept for a day, and only while the hourly budget is less than half spent: the
 * fulfillment calls come first, and an order imported without an image or bin is still a good order.
 */

export interface ItemFacts {
  imageUrl?: string;
  warehouseLocation?: string;
}

const TTL_MS = 24 * 3600_000;
const MAX_CACHED = 5_000;
/** Past this share of the hourly bucket, no item is looked up. */
const BUDGET_SHARE = 0.5;
/** A cold cache on an order with many lines must not hold its import long. */
const MAX_LOOKUPS_PER_ORDER = 10;

export function createItemLookup(deps: { http: RestHttp; gate: UltraCartGate; dcCode: string; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { facts: ItemFacts; at: number }>();
  /** Lookups under way: the orders of one batch are enriched at once, and share the SKUs they have in common. */
  const inFlight = new Map<string, Promise<ItemFacts | undefined>>();
  /** Set when the key may not read items (401/403): no further lookups in this process. */
  let refused = false;

  function facts(res: ItemResponse): ItemFacts {
    const media = res.item?.content?.multimedia ?? [];
    const image = media.find((m) => (m.type ?? 'Image').toLowerCase() === 'image' && m.url) ?? media.find((m) => m.url);
    const bin = res.item?.shipping?.distribution_centers?.find((d) => d.distribution_center_code === deps.dcCode)?.stock_picking_location;
    return { ...(image?.url ? { imageUrl: image.url } : {}), ...(bin ? { warehouseLocation: bin } : {}) };
  }

  function lookUp(sku: string): Promise<ItemFacts | undefined> {
    const hit = cache.get(sku);
    if (hit && now() - hit.at < TTL_MS) return Promise.resolve(hit.facts);
    const pending = inFlight.get(sku) ?? fetchFacts(sku).finally(() => inFlight.delete(sku));
    inFlight.set(sku, pending);
    return pending;
  }

  async function fetchFacts(sku: string): Promise<ItemFacts | undefined> {
    if (refused || deps.gate.snapshot().hourUsed >= BUDGET_SHARE) return undefined;
    let found: ItemFacts = {};
    try {
      const path = `/item/items/merchant_item_id/${encodeURIComponent(sku)}?_expand=content.multimedia,shipping.distribution_centers`;
      found = facts(await deps.http({ method: 'GET', path, what: `read item ${sku}`, schema: itemResponseSchema, shared: true }));
    } catch (err) {
      if (!(err instanceof IntegrationError)) throw err;
      if (err.kind === 'UltraCartAuthenticationFailed') refused = true;
      // An unknown item (400) is remembered as having nothing; a passing fault is asked again next time.
      if (err.retryable) return undefined;
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(sku, { facts: found, at: now() });
    return found;
  }

  return {
    /** The order with the image and bin of each item that lacks them, where the Item API and the budget allow. */
    async enrich(order: UltraCartOrder): Promise<UltraCartOrder> {
      const wanted = [...new Set(order.items.filter((i) => !i.image_url || !i.inventory_location).map((i) => i.merchant_item_id))];
      const known = new Map<string, ItemFacts>();
      let lookups = 0;
      for (const sku of wanted) {
        if (!cache.has(sku) && !inFlight.has(sku) && ++lookups > MAX_LOOKUPS_PER_ORDER) break;
        const f = await lookUp(sku);
        if (f) known.set(sku, f);
      }
      if (known.size === 0) return order;
      return {
        ...order,
        items: order.items.map((i) => {
          const f = known.get(i.merchant_item_id);
          if (!f) return i;
          return { ...i, image_url: i.image_url ?? f.imageUrl, inventory_location: i.inventory_location ?? f.warehouseLocation };
        }),
      };
    },
  };
}
