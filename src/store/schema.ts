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

export interface ShopsTable {
  id: string;
  tenant_id: string;
  platform: string;
  name: string;
  region: string;
  platform_shop_id: string;
  shop_cipher: string | null;
  api_base_url: string | null;
  /** AES-256-GCM ciphertext of the app secret and tokens; never leaves the store in clear. */
  credentials: string;
  access_token_expires_at: number;
  refresh_token_expires_at: number | null;
  status: string;
  settings_json: string;
  last_event_at: Generated<number>;
  polled_until: Generated<number>;
  created_at: number;
  updated_at: number;
  /** While a worker refreshes the shop's tokens: epoch ms its lease lapses at; 0 when none. */
  token_refresh_until: Generated<number>;
  /** Counts writes of `credentials`: a refresh stores only over the version it started from. */
  token_version: Generated<number>;
}

export interface ShopWarehousesTable {
  tenant_id: string;
  shop_id: string;
  warehouse_id: number;
  priority: number;
  platform_warehouse_id: string | null;
}

export interface ListingsTable {
  id: string;
  tenant_id: string;
  shop_id: string;
  item_id: string;
  variant_id: string;
  seller_sku: string;
  title: string;
  sku_id: number | null;
  units_per_listing: number;
  match_state: string;
  target_quantity: number | null;
  pushed_quantity: number | null;
  pushed_at: number | null;
  platform_quantity: number | null;
  checked_at: number | null;
  out_of_sync_since: number | null;
  /** Listings the last push held back for unread orders (0: none). */
  held_back: Generated<number>;
  /** 1: the listing's only stock is in a warehouse the platform runs (never pushed). */
  fulfilled_by_platform: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface AllocationPoliciesTable {
  tenant_id: string;
  /** 0 for the tenant's default policy. */
  sku_id: number;
  policy_json: string;
  updated_at: number;
}

/** A named set of a tenant's shops with its own allocation policy. */
export interface ShopGroupsTable {
  id: AutoId;
  tenant_id: string;
  /** Unique per tenant. */
  name: string;
  policy_json: string;
  created_at: number;
  updated_at: number;
}

/** A shop's group: one row per grouped shop (shop_id is the key: at most one group each). */
export interface ShopGroupMembersTable {
  shop_id: string;
  tenant_id: string;
  group_id: number;
  added_at: number;
}

export interface ChannelOrdersTable {
  id: string;
  tenant_id: string;
  shop_id: string;
  platform_order_id: string;
  raw_status: string;
  state: string | null;
  platform_created_at: number;
  platform_updated_at: number;
  paid_at: number | null;
  outcome: string;
  cancel_reference: string | null;
  created_at: number;
  updated_at: number;
  /** While a worker applies the order (epoch ms; 0: nobody). */
  applying_until: Generated<number>;
}

export interface ChannelOrderLinesTable {
  tenant_id: string;
  order_id: string;
  line_id: string;
  item_id: string;
  variant_id: string;
  seller_sku: string;
  quantity: number;
  listing_id: string | null;
  sku_id: number | null;
  warehouse_id: number | null;
  units: number | null;
  hold_id: string | null;
  applied_state: string | null;
}

export interface InboxTable {
  id: AutoId;
  platform: string;
  event_id: string;
  tenant_id: string | null;
  shop_id: string | null;
  kind: string;
  order_id: string | null;
  payload: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_until: Generated<number>;
  error: string | null;
  received_at: number;
  processed_at: number | null;
}

export interface SyncOutboxTable {
  tenant_id: string;
  sku_id: number;
  version: number;
  changed_at: number;
  lease_until: Generated<number>;
}

export interface PushQueueTable {
  listing_id: string;
  tenant_id: string;
  shop_id: string;
  version: number;
  origin_at: number;
  last_origin_at: number;
  enqueued_at: number;
  attempts: Generated<number>;
  next_attempt_at: number;
  lease_until: Generated<number>;
  dead: Generated<number>;
  last_error: string | null;
}

export interface SyncLogTable {
  id: AutoId;
  tenant_id: string;
  shop_id: string;
  listing_id: string | null;
  order_id: string | null;
  kind: string;
  quantity: number | null;
  previous_quantity: number | null;
  latency_ms: number | null;
  detail: string | null;
  created_at: number;
}

export interface ReconcileRunsTable {
  id: AutoId;
  tenant_id: string;
  shop_id: string;
  started_at: number;
  finished_at: number;
  listings_checked: number;
  listings_matched: number;
  corrections: number;
  error: string | null;
}

export interface AlertsTable {
  id: string;
  tenant_id: string;
  kind: string;
  level: string;
  subject: string;
  params_json: string;
  status: string;
  opened_at: number;
  updated_at: number;
  resolved_at: number | null;
}

/** When each periodic job last started, across every worker process. */
export interface JobRunsTable {
  name: string;
  last_run_at: number;
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
  shops: ShopsTable;
  shop_warehouses: ShopWarehousesTable;
  listings: ListingsTable;
  allocation_policies: AllocationPoliciesTable;
  shop_groups: ShopGroupsTable;
  shop_group_members: ShopGroupMembersTable;
  channel_orders: ChannelOrdersTable;
  channel_order_lines: ChannelOrderLinesTable;
  inbox: InboxTable;
  sync_outbox: SyncOutboxTable;
  push_queue: PushQueueTable;
  sync_log: SyncLogTable;
  reconcile_runs: ReconcileRunsTable;
  alerts: AlertsTable;
  job_runs: JobRunsTable;
}
