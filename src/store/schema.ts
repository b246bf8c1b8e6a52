/**
 * Row types of every table, as Kysely sees them. snake_case here, camelCase above the store.
 * Times are epoch milliseconds (UTC) in BIGINT/INTEGER columns on both engines; booleans are 0/1;
 * money is integer minor units. Every table carries tenant_id and every query filters on it.
 */
import type { Generated } from 'kysely';

/** Integer columns the engine fills (autoincrement / identity). */
type AutoId = Generated<number>;

export interface TenantsTable {
  id: string;
  name: string;
  low_stock_threshold: number;
  hold_expiry_minutes: number;
  created_at: number;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  password_hash: string | null;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  tenant_id: string;
  user_id: string | null;
  name: string;
  role: string;
  is_admin: number;
  token_hash: string;
  token_prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface WarehousesTable {
  id: AutoId;
  tenant_id: string;
  code: string;
  name: string;
  kind: string;
  country: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface SkusTable {
  id: AutoId;
  tenant_id: string;
  code: string;
  name: string;
  barcode: string | null;
  unit_cost_minor: number | null;
  currency: string | null;
  low_stock_threshold: number | null;
  allow_backorder: number;
  is_bundle: number;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface BundleComponentsTable {
  tenant_id: string;
  bundle_sku_id: number;
  component_sku_id: number;
  quantity: number;
}

export interface StockLevelsTable {
  tenant_id: string;
  sku_id: number;
  warehouse_id: number;
  on_hand: number;
  reserved: number;
  updated_at: number;
}

/** One row per idempotent command: its key, a hash of its request and its first result. */
export interface OperationsTable {
  tenant_id: string;
  key: string;
  kind: string;
  request_hash: string;
  result_json: string;
  created_at: number;
}

export interface MovementsTable {
  id: AutoId;
  tenant_id: string;
  /** The idempotency key of the command that wrote it; with `seq`, unique per tenant. */
  operation_key: string;
  seq: number;
  kind: string;
  sku_id: number;
  warehouse_id: number;
  on_hand_delta: number;
  reserved_delta: number;
  /** Stock-takes only: the figure counted. */
  counted: number | null;
  reference_type: string;
  reference_id: string | null;
  hold_id: string | null;
  actor: string;
  note: string | null;
  created_at: number;
}

export interface HoldsTable {
  id: string;
  tenant_id: string;
  sku_id: number;
  warehouse_id: number;
  quantity: number;
  status: string;
  order_ref: string;
  line_ref: string | null;
  operation_key: string;
  actor: string;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface HoldLinesTable {
  tenant_id: string;
  hold_id: string;
  sku_id: number;
  quantity: number;
}

export interface TransfersTable {
  id: string;
  tenant_id: string;
  from_warehouse_id: number;
  to_warehouse_id: number;
  status: string;
  reference: string | null;
  expected_at: number | null;
  actor: string;
  created_at: number;
  updated_at: number;
}

export interface TransferLinesTable {
  tenant_id: string;
  transfer_id: string;
  sku_id: number;
  quantity: number;
}

export interface DB {
  tenants: TenantsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  warehouses: WarehousesTable;
  skus: SkusTable;
  bundle_components: BundleComponentsTable;
  stock_levels: StockLevelsTable;
  operations: OperationsTable;
  movements: MovementsTable;
  holds: HoldsTable;
  hold_lines: HoldLinesTable;
  transfers: TransfersTable;
  transfer_lines: TransferLinesTable;
}
