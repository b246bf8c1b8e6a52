/**
 * The only code that changes stock. Each method runs one command through the database's write
 * executor (one transaction, or one savepoint of a group commit on SQLite) and returns an Outcome.
 */
import { DEFAULT_HOLD_EXPIRY_MINUTES, type HoldAction } from '../domain/holds.ts';
import { DEFAULT_LOW_STOCK_THRESHOLD } from '../domain/stock-level.ts';
import type { Outcome } from '../domain/outcome.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { Database } from '../store/database.ts';
import type { Tx } from '../store/write-executor.ts';
import { readTenantSettings, type TenantSettings } from '../store/tenant-settings-repo.ts';
import type { Actor, CommandContext } from './command-context.ts';
import { transitionHold } from './hold-transitions.ts';
import { inputProblem } from './input-checks.ts';
import type { HoldView } from './hold-view.ts';
import type { Replayable } from './idempotency.ts';
import { placeHold, type PlaceHoldInput } from './place-hold.ts';
import { receiveStock, type StockLinesInput, type StockLinesResult } from './receive.ts';
import { recordStocktake, type StocktakeInput, type StocktakeResult } from './stocktake.ts';
import {
  createTransfer,
  receiveTransfer,
  type CreateTransferInput,
  type TransferView,
} from './transfers.ts';

/** How long tenant settings are cached: a changed expiry applies to new holds within this. */
const SETTINGS_TTL_MS = 5_000;

export interface InventoryDeps {
  database: Database;
  clock: Clock;
  ids: Ids;
}

export class InventoryService {
  private readonly settingsCache = new Map<
    string,
    { settings: Promise<TenantSettings>; atMs: number }
  >();

  constructor(private readonly deps: InventoryDeps) {}

  /**
   * `options.systemKey`: the key was derived by StockPool (platform order lines), so it carries
   * the reserved `sys:` prefix no client may use.
   */
  async placeHold(
    actor: Actor,
    input: PlaceHoldInput,
    options: { systemKey?: boolean } = {},
  ): Promise<Outcome<Replayable<HoldView>>> {
    const problem = inputProblem({
      key: input.idempotencyKey,
      systemKey: options.systemKey,
      lines: [{ sku: input.sku, quantity: input.quantity }],
      expiry: { sku: input.sku, minutes: input.expiresInMinutes },
    });
    if (problem) return problem;
    const settings = await this.settingsOf(actor.tenantId);
    return this.run(actor, (trx, ctx) =>
      placeHold(trx, ctx, input, {
        ids: this.deps.ids,
        defaultExpiryMinutes: settings.holdExpiryMinutes,
      }),
    );
  }

  transitionHold(actor: Actor, holdId: string, action: HoldAction): Promise<Outcome<HoldView>> {
    return this.run(actor, (trx, ctx) => transitionHold(trx, ctx, { holdId, action }));
  }

  async receive(
    actor: Actor,
    input: StockLinesInput,
  ): Promise<Outcome<Replayable<StockLinesResult>>> {
    const problem = inputProblem({ key: input.idempotencyKey, lines: input.lines });
    if (problem) return problem;
    return this.run(actor, (trx, ctx) => receiveStock(trx, ctx, input));
  }

  /** A customer return put back into stock (restock); `reference` is the order. */
  async recordReturn(
    actor: Actor,
    input: StockLinesInput,
    options: { systemKey?: boolean } = {},
  ): Promise<Outcome<Replayable<StockLinesResult>>> {
    const problem = inputProblem({
      key: input.idempotencyKey,
      systemKey: options.systemKey,
      lines: input.lines,
    });
    if (problem) return problem;
    return this.run(actor, (trx, ctx) =>
      receiveStock(trx, ctx, input, { kind: 'return', referenceType: 'order' }),
    );
  }

  /** `options.systemKey`: a count StockPool takes itself (a platform's stock report). */
  async stocktake(
    actor: Actor,
    input: StocktakeInput,
    options: { systemKey?: boolean } = {},
  ): Promise<Outcome<Replayable<StocktakeResult>>> {
    const problem = inputProblem({
      key: input.idempotencyKey,
      systemKey: options.systemKey,
      counts: input.lines,
    });
    if (problem) return problem;
    return this.run(actor, (trx, ctx) => recordStocktake(trx, ctx, input));
  }

  async createTransfer(
    actor: Actor,
    input: CreateTransferInput,
  ): Promise<Outcome<Replayable<TransferView>>> {
    const problem = inputProblem({ key: input.idempotencyKey, lines: input.lines });
    if (problem) return problem;
    return this.run(actor, (trx, ctx) => createTransfer(trx, ctx, input, this.deps.ids));
  }

  receiveTransfer(actor: Actor, transferId: string): Promise<Outcome<TransferView>> {
    return this.run(actor, (trx, ctx) => receiveTransfer(trx, ctx, transferId));
  }

  private run<T>(
    actor: Actor,
    command: (trx: Tx, ctx: CommandContext) => Promise<Outcome<T>>,
  ): Promise<Outcome<T>> {
    // The time is taken inside the transaction, so a command queued behind a batch is stamped
    // when it applies, and expiry checks see the time of the write.
    return this.deps.database.writer.run((trx) =>
      command(trx, { ...actor, nowMs: this.deps.clock.nowMs() }),
    );
  }

  /**
   * The tenant's settings, cached for SETTINGS_TTL_MS. The cache holds the pending read, so when
   * it expires under load one query refreshes it instead of every command in flight.
   */
  private settingsOf(tenantId: string): Promise<TenantSettings> {
    const cached = this.settingsCache.get(tenantId);
    const nowMs = this.deps.clock.nowMs();
    if (cached && nowMs - cached.atMs < SETTINGS_TTL_MS) return cached.settings;
    const settings = readTenantSettings(this.deps.database.db, tenantId).then(
      (found) =>
        found ?? {
          lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD,
          holdExpiryMinutes: DEFAULT_HOLD_EXPIRY_MINUTES,
        },
    );
    this.settingsCache.set(tenantId, { settings, atMs: nowMs });
    // A failed read is not cached: the next command tries again.
    settings.catch(() => this.settingsCache.delete(tenantId));
    return settings;
  }
}
