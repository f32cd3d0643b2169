import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The search attributes the order workflows keep current, so the Web UI finds an order by its ids or stage. */
export const UltraCartOrderId = defineSearchAttributeKey('UltraCartOrderId', SearchAttributeType.KEYWORD);
export const UltraCartMerchantId = defineSearchAttributeKey('UltraCartMerchantId', SearchAttributeType.KEYWORD);
export const ShipStationOrderId = defineSearchAttributeKey('ShipStationOrderId', SearchAttributeType.KEYWORD);
export const OrderStageKey = defineSearchAttributeKey('OrderStage', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [UltraCartOrderId, UltraCartMerchantId, ShipStationOrderId, OrderStageKey];
