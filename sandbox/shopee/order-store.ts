/**
 * Orders of the Shopee emulator and what they do to stock (§2.8): placing withholds seller stock
 * (refused when a location has too little), paying confirms (READY_TO_SHIP), cancelling gives the
 * stock back, shipping releases the reservation; a return (TO_RETURN, "return in progress")
 * changes no seller stock, since putting returned goods back on sale is the seller's decision
 * (§2.8). Every status change moves update_time forward
 * and is reported to `onChange` (the emulator turns it into an order status push).
 */
import type { BuyerOrderInput, BuyerOrderResult } from '../kit/emulator.ts';
import type { CatalogStore } from './catalog-store.ts';
import type { EmulatedOrder, EmulatedOrderLine, EmulatedShop, ShopeeOrderStatus } from './types.ts';

/** Statuses in which Shopee still lets an order be cancelled: before shipping (§2.7). */
const CANCELLABLE: readonly ShopeeOrderStatus[] = ['UNPAID', 'READY_TO_SHIP'];

export class OrderStore {
  private readonly orders = new Map<string, EmulatedOrder>();
  private sequence = 0;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly nowMs: () => number,
    private readonly onChange: (order: EmulatedOrder) => void,
  ) {}

  place(shop: EmulatedShop, input: BuyerOrderInput): BuyerOrderResult {
    const lines = this.allocate(shop, input);
    if (!lines) return { ok: false, reason: 'OUT_OF_STOCK' };
    for (const line of lines) this.catalog.withhold(shop.shopId, line, line.quantity);
    const now = this.nowSec();
    const order: EmulatedOrder = {
      orderSn: this.nextOrderSn(),
      shopId: shop.shopId,
      status: 'UNPAID',
      createTimeSec: now,
      updateTimeSec: now,
      payTimeSec: null,
      lines,
      cancelBy: null,
      cancelReason: null,
    };
    this.orders.set(order.orderSn, order);
    this.onChange(order);
    if (input.paid) this.pay(shop.shopId, order.orderSn);
    return { ok: true, orderId: order.orderSn };
  }

  pay(shopId: string, orderSn: string): void {
    const order = this.require(shopId, orderSn, ['UNPAID']);
    order.payTimeSec = this.nowSec();
    this.changeStatus(order, 'READY_TO_SHIP');
  }

  /** True when the order could still be cancelled (before shipping). */
  isCancellable(order: EmulatedOrder): boolean {
    return CANCELLABLE.includes(order.status);
  }

  cancel(shopId: string, orderSn: string, by: 'buyer' | 'seller', reason: string): EmulatedOrder {
    const order = this.require(shopId, orderSn, CANCELLABLE);
    for (const line of order.lines) this.catalog.withhold(shopId, line, -line.quantity);
    order.cancelBy = by;
    order.cancelReason = reason;
    this.changeStatus(order, 'CANCELLED');
    return order;
  }

  ship(shopId: string, orderSn: string): void {
    const order = this.require(shopId, orderSn, ['READY_TO_SHIP']);
    for (const line of order.lines) this.catalog.releaseReservation(shopId, line, line.quantity);
    this.changeStatus(order, 'SHIPPED');
  }

  /** The buyer sends a shipped order back: TO_RETURN (§2.8). Only a shipped order can be returned. */
  returnOrder(shopId: string, orderSn: string): void {
    this.changeStatus(this.require(shopId, orderSn, ['SHIPPED']), 'TO_RETURN');
  }

  get(shopId: string, orderSn: string): EmulatedOrder | undefined {
    const order = this.orders.get(orderSn);
    return order?.shopId === shopId ? order : undefined;
  }

  listForShop(shopId: string): EmulatedOrder[] {
    return [...this.orders.values()].filter((order) => order.shopId === shopId);
  }

  /**
   * One location per line: the default location when it has enough, else the first that has.
   * Null when some line cannot be served (Shopee refuses the order: buyers see the stock).
   */
  private allocate(shop: EmulatedShop, input: BuyerOrderInput): EmulatedOrderLine[] | null {
    const taken = new Map<string, number>();
    const lines: EmulatedOrderLine[] = [];
    for (const line of input.lines) {
      const model = this.catalog.model(shop.shopId, line);
      if (!model) throw new Error(`unknown listing ${line.itemId}/${line.variantId}`);
      if (!(line.quantity > 0)) throw new Error('order quantity must be positive');
      const key = (location: string) => `${line.itemId}/${model.modelId}@${location}`;
      const left = (location: string) =>
        (model.sellerStock.get(location) ?? 0) - (taken.get(key(location)) ?? 0);
      const location = shop.locations.find((l) => left(l) >= line.quantity);
      if (location === undefined) return null;
      taken.set(key(location), (taken.get(key(location)) ?? 0) + line.quantity);
      const hasModel = model.modelId !== 0;
      lines.push({
        itemId: Number(line.itemId),
        modelId: model.modelId,
        itemSku: hasModel ? '' : model.sku,
        modelSku: hasModel ? model.sku : '',
        quantity: line.quantity,
        location,
      });
    }
    return lines;
  }

  private require(
    shopId: string,
    orderSn: string,
    allowed: readonly ShopeeOrderStatus[],
  ): EmulatedOrder {
    const order = this.get(shopId, orderSn);
    if (!order) throw new Error(`unknown order ${orderSn}`);
    if (!allowed.includes(order.status)) {
      throw new Error(`order ${orderSn} is ${order.status}; expected ${allowed.join(' or ')}`);
    }
    return order;
  }

  /** update_time never goes back; Shopee's resolution is one second. */
  private changeStatus(order: EmulatedOrder, status: ShopeeOrderStatus): void {
    order.status = status;
    order.updateTimeSec = Math.max(order.updateTimeSec, this.nowSec());
    this.onChange(order);
  }

  /** Shopee's shape: yymmdd + 8 upper-case characters, e.g. 220810QSK8S7BX. */
  private nextOrderSn(): string {
    this.sequence += 1;
    const day = new Date(this.nowMs()).toISOString().slice(2, 10).replaceAll('-', '');
    return `${day}${this.sequence.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  private nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}
