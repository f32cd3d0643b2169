import type { UltraCartItem } from '../ultracart/order-schema';

/**
 * The lines that go to ShipStation: kit components ship as their own lines, so a kit parent is kept only
 * when no item names it as `parent_item_index` (then the parent itself is what gets picked).
 */
export function shippableItems(items: readonly UltraCartItem[]): UltraCartItem[] {
  const parents = new Set(items.map((i) => i.parent_item_index).filter((p) => p !== undefined));
  return items.filter((i) => !parents.has(i.item_index));
}
