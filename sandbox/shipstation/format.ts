import { pacificToEpochMs, toPacificOutput } from '../../src/shipstation/pacific-time';
import type { ShipStationAddress } from '../../src/shipstation/schemas';
import type { SimFulfillment, SimOrder, SimOrderItem, SimShipment, SimStore, SimWebhook } from './records';

/** Response bodies in V1's shapes: every field present (null when unset), dates Pacific `...T10:51:14.5030000`. */

const pacific = (epochMs: number | undefined) => (epochMs === undefined ? null : toPacificOutput(epochMs));
/** Orders carry the Pacific text they were given; echo it in output form. */
const pacificText = (text: string | null | undefined) => (text ? toPacificOutput(pacificToEpochMs(text)) : null);
/** `shipDate` is a date only in V1. */
const pacificDate = (epochMs: number | undefined) => pacific(epochMs)?.slice(0, 10) ?? null;

function address(a: ShipStationAddress) {
  return {
    name: a.name,
    company: a.company ?? null,
    street1: a.street1 ?? null,
    street2: a.street2 ?? null,
    street3: a.street3 ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    postalCode: a.postalCode ?? null,
    country: a.country ?? null,
    phone: a.phone ?? null,
    residential: a.residential ?? null,
    addressVerified: 'Address not yet validated',
  };
}

function item({ orderItemId, item: i, createdAt }: SimOrderItem, quantity = i.quantity) {
  return {
    orderItemId,
    lineItemKey: i.lineItemKey ?? null,
    sku: i.sku ?? null,
    name: i.name,
    imageUrl: i.imageUrl ?? null,
    weight: i.weight ?? null,
    quantity,
    unitPrice: i.unitPrice ?? 0,
    taxAmount: i.taxAmount ?? null,
    shippingAmount: i.shippingAmount ?? null,
    warehouseLocation: i.warehouseLocation ?? null,
    options: i.options ?? [],
    productId: i.productId ?? null,
    fulfillmentSku: i.fulfillmentSku ?? null,
    adjustment: i.adjustment ?? false,
    upc: i.upc ?? null,
    createDate: pacific(createdAt),
    modifyDate: pacific(createdAt),
  };
}

export function formatOrder(o: SimOrder) {
  const r = o.request;
  const itemsTotal = o.items.reduce((sum, i) => sum + (i.item.unitPrice ?? 0) * i.item.quantity, 0);
  return {
    orderId: o.orderId,
    orderNumber: r.orderNumber,
    orderKey: o.orderKey,
    orderDate: pacificText(r.orderDate),
    createDate: pacific(o.createdAt),
    modifyDate: pacific(o.modifiedAt),
    paymentDate: pacificText(r.paymentDate),
    shipByDate: null,
    orderStatus: o.status,
    customerId: null,
    customerUsername: r.customerUsername ?? null,
    customerEmail: r.customerEmail ?? null,
    billTo: address(r.billTo),
    shipTo: address(r.shipTo),
    items: o.items.map((i) => item(i)),
    orderTotal: Math.round((itemsTotal + (r.taxAmount ?? 0) + (r.shippingAmount ?? 0)) * 100) / 100,
    amountPaid: r.amountPaid ?? 0,
    taxAmount: r.taxAmount ?? 0,
    shippingAmount: r.shippingAmount ?? 0,
    customerNotes: r.customerNotes ?? null,
    internalNotes: r.internalNotes ?? null,
    gift: r.gift ?? false,
    giftMessage: r.giftMessage ?? null,
    paymentMethod: r.paymentMethod ?? null,
    requestedShippingService: r.requestedShippingService ?? null,
    // What the merchant set in ShipStation (service, package, customs...) is kept with the order, as ShipStation does.
    carrierCode: r.carrierCode ?? null,
    serviceCode: r.serviceCode ?? null,
    packageCode: r.packageCode ?? null,
    confirmation: r.confirmation ?? 'none',
    shipDate: pacificDate(o.shipDate),
    holdUntilDate: o.holdUntilDate,
    weight: r.weight ?? { value: 0, units: 'ounces' },
    dimensions: r.dimensions ?? null,
    // Present in every order ShipStation returns; ucship sets neither (no insurance or customs data in UltraCart's DC feed).
    advancedOptions: {
      warehouseId: r.advancedOptions?.warehouseId ?? null,
      nonMachinable: r.advancedOptions?.nonMachinable ?? false,
      saturdayDelivery: r.advancedOptions?.saturdayDelivery ?? false,
      containsAlcohol: r.advancedOptions?.containsAlcohol ?? false,
      storeId: o.storeId,
      customField1: r.advancedOptions?.customField1 ?? null,
      customField2: r.advancedOptions?.customField2 ?? null,
      customField3: r.advancedOptions?.customField3 ?? null,
      source: r.advancedOptions?.source ?? null,
      billToParty: r.advancedOptions?.billToParty ?? null,
      billToAccount: r.advancedOptions?.billToAccount ?? null,
      billToPostalCode: r.advancedOptions?.billToPostalCode ?? null,
      billToCountryCode: r.advancedOptions?.billToCountryCode ?? null,
      billToMyOtherAccount: r.advancedOptions?.billToMyOtherAccount ?? null,
      mergedOrSplit: false,
      mergedIds: [],
      parentId: null,
    },
    tagIds: r.tagIds ?? null,
    insuranceOptions: r.insuranceOptions ?? { provider: null, insureShipment: false, insuredValue: 0 },
    internationalOptions: r.internationalOptions ?? { contents: null, customsItems: null, nonDelivery: null },
    externallyFulfilled: false,
  };
}

export function formatShipment(s: SimShipment, order: SimOrder, includeItems: boolean) {
  const lines = new Map(order.items.map((i) => [i.orderItemId, i]));
  return {
    shipmentId: s.shipmentId,
    orderId: s.orderId,
    orderKey: order.orderKey,
    userId: null,
    customerEmail: order.request.customerEmail ?? null,
    orderNumber: order.request.orderNumber,
    createDate: pacific(s.createdAt),
    shipDate: pacificDate(s.createdAt),
    shipmentCost: s.shipmentCost,
    insuranceCost: s.insuranceCost,
    trackingNumber: s.trackingNumber,
    isReturnLabel: s.isReturnLabel,
    batchNumber: String(s.batchId),
    carrierCode: s.carrierCode,
    serviceCode: s.serviceCode,
    packageCode: 'package',
    confirmation: 'none',
    warehouseId: order.request.advancedOptions?.warehouseId ?? null,
    voided: s.voidedAt !== undefined,
    voidDate: pacific(s.voidedAt),
    marketplaceNotified: false,
    notifyErrorMessage: null,
    shipTo: address(order.request.shipTo),
    weight: order.request.weight ?? { value: 0, units: 'ounces' },
    dimensions: order.request.dimensions ?? null,
    insuranceOptions: { provider: s.insuranceCost > 0 ? 'shipsurance' : null, insureShipment: s.insuranceCost > 0, insuredValue: 0 },
    shipmentItems: includeItems
      ? s.items.flatMap(({ orderItemId, quantity }) => {
          const line = lines.get(orderItemId);
          return line ? [item(line, quantity)] : [];
        })
      : null,
    labelData: null,
    formData: null,
    notesToBuyer: s.notesToBuyer,
  };
}

export function formatFulfillment(f: SimFulfillment, order: SimOrder) {
  return {
    fulfillmentId: f.fulfillmentId,
    orderId: f.orderId,
    orderNumber: order.request.orderNumber,
    customerEmail: order.request.customerEmail ?? null,
    trackingNumber: f.trackingNumber,
    createDate: pacific(f.createdAt),
    shipDate: pacific(f.shipDate),
    voidDate: null,
    deliveryDate: null,
    carrierCode: f.carrierCode,
    fulfillmentFee: 0,
    voidRequested: false,
    voided: false,
    marketplaceNotified: f.notifySalesChannel,
    notifyErrorMessage: null,
    shipTo: address(order.request.shipTo),
  };
}

export function formatStore(s: SimStore) {
  return {
    storeId: s.storeId,
    storeName: s.storeName,
    marketplaceId: s.marketplaceId,
    marketplaceName: s.marketplaceName,
    accountName: null,
    email: null,
    integrationUrl: null,
    active: s.active,
    companyName: '',
    phone: '',
    publicEmail: '',
    website: '',
    refreshDate: null,
    lastRefreshAttempt: null,
    createDate: pacific(s.createdAt),
    modifyDate: pacific(s.createdAt),
    autoRefresh: false,
  };
}

export function formatWebhook(h: SimWebhook) {
  return {
    IsLabelAPIHook: false,
    WebHookID: h.id,
    SellerID: 1,
    StoreID: h.storeId,
    HookType: h.event,
    MessageFormat: 'Json',
    Url: h.targetUrl,
    Name: h.name,
    BulkCopyBatchID: null,
    BulkCopyRecordID: null,
    Active: true,
    WebhookLogs: [],
    Seller: null,
    Store: null,
  };
}

/** A few of V1's marketplaces; ids are illustrative. */
export const MARKETPLACES = [
  { name: 'ShipStation', marketplaceId: 0 },
  { name: 'Amazon', marketplaceId: 2 },
  { name: 'eBay', marketplaceId: 3 },
  { name: 'Shopify', marketplaceId: 12 },
  { name: 'UltraCart', marketplaceId: 19 },
  { name: 'WooCommerce', marketplaceId: 36 },
].map((m) => ({ ...m, canRefresh: m.marketplaceId !== 0, supportsCustomMappings: true, supportsCustomStatuses: false, canConfirmShipments: m.marketplaceId !== 0 }));

/** `{<key>: page, total, page, pages}` over an already-filtered list. */
export function paged<T, R>(key: string, all: T[], page: number, pageSize: number, format: (t: T) => R) {
  const slice = all.slice((page - 1) * pageSize, page * pageSize);
  return { [key]: slice.map(format), total: all.length, page, pages: Math.ceil(all.length / pageSize) };
}
