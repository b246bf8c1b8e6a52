/**
 * The GraphQL documents StockPool sends (§5.3, §5.4) and their requested costs, computed the way
 * Shopify computes them (objects 1, connections 2 plus `first` times their node, mutations 10),
 * so the client can wait for room in the bucket before it sends (cost-budget.ts).
 */
import {
  ORDER_NODE_COST,
  SHOPIFY_LEVELS_PER_ITEM,
  SHOPIFY_LINES_PER_ORDER,
  SHOPIFY_MUTATION_COST,
  SHOPIFY_TRANSACTIONS_PER_ORDER,
  VARIANT_NODE_COST,
} from './options.ts';

const VARIANT_FIELDS = `
  legacyResourceId
  sku
  product { legacyResourceId title }
  inventoryItem {
    id
    inventoryLevels(first: ${SHOPIFY_LEVELS_PER_ITEM}) {
      nodes {
        updatedAt
        location { legacyResourceId }
        quantities(names: ["available", "committed"]) { name quantity }
      }
    }
  }`;

const LINE_FIELDS = `id sku quantity variant { legacyResourceId } product { legacyResourceId }`;

const ORDER_FIELDS = `
  legacyResourceId
  createdAt
  updatedAt
  cancelledAt
  displayFinancialStatus
  displayFulfillmentStatus
  lineItems(first: ${SHOPIFY_LINES_PER_ORDER}) {
    pageInfo { hasNextPage endCursor }
    nodes { ${LINE_FIELDS} }
  }
  transactions(first: ${SHOPIFY_TRANSACTIONS_PER_ORDER}) { kind status processedAt }`;

/** Variants with their shown stock per location, one page. */
export const CATALOG_QUERY = `query Catalog($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ${VARIANT_FIELDS} }
  }
}`;

export const catalogCost = (first: number): number => 2 + first * VARIANT_NODE_COST;

/** The variants a push names, with their inventory items and current quantities. */
export const VARIANT_STOCK_QUERY = `query VariantStock($ids: [ID!]!) {
  nodes(ids: $ids) { ... on ProductVariant { ${VARIANT_FIELDS} } }
}`;

export const variantStockCost = (ids: number): number => ids * VARIANT_NODE_COST;

/** Orders updated in a window (Shopify search syntax on updated_at), oldest first. */
export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ORDER_FIELDS} }
  }
}`;

export const ordersCost = (first: number): number => 2 + first * ORDER_NODE_COST;

export const ORDER_NODES_QUERY = `query OrderNodes($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { ${ORDER_FIELDS} } }
}`;

export const orderNodesCost = (ids: number): number => ids * ORDER_NODE_COST;

/** The further line items of one order. */
export const ORDER_LINES_QUERY = `query OrderLines($id: ID!, $after: String) {
  node(id: $id) {
    ... on Order {
      lineItems(first: 250, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { ${LINE_FIELDS} }
      }
    }
  }
}`;

export const ORDER_LINES_COST = 1 + 2 + 250 * 3;

/**
 * Sets `available` with compare-and-set per quantity (`changeFromQuantity`, 2026-01+) under an
 * idempotency key derived from the push (§5.3), written as a literal as in the sheet's example.
 */
export function setQuantitiesMutation(idempotencyKey: string): string {
  return `mutation SetAvailable($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) @idempotent(key: ${JSON.stringify(idempotencyKey)}) {
    inventoryAdjustmentGroup { id }
    userErrors { code field message }
  }
}`;
}

/** Seller cancellation (§5.4): whole order, restocked. */
export const ORDER_CANCEL_MUTATION = `mutation Cancel(
  $orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!,
  $refundMethod: OrderCancelRefundMethodInput, $staffNote: String
) {
  orderCancel(
    orderId: $orderId, reason: $reason, restock: $restock, refundMethod: $refundMethod,
    notifyCustomer: true, staffNote: $staffNote
  ) {
    job { id done }
    orderCancelUserErrors { code field message }
  }
}`;

export const MUTATION_COST = SHOPIFY_MUTATION_COST;
