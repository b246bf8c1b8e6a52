/**
 * ORDER_CHANGE notifications (amazon.md §4.5, OrderChangeNotification schema) put on the app's SQS
 * queue whenever an order of a subscribed seller changes status. A seller is subscribed when its
 * seed names a destination (`webhookUrl` not null; the destination is always the app's queue).
 */
import { randomUUID } from 'node:crypto';
import type { AmazonContext } from './context.ts';
import type { OrderRecord, ShopRecord } from './state.ts';

export function notifyOrderChange(
  context: AmazonContext,
  shop: ShopRecord,
  order: OrderRecord,
): void {
  if (shop.seed.webhookUrl === null) return;
  const app = context.state.apps.get(shop.seed.appKey);
  if (!app) return;
  app.queue.send(JSON.stringify(orderChangeBody(context, shop, order)));
}

function orderChangeBody(context: AmazonContext, shop: ShopRecord, order: OrderRecord): unknown {
  const now = new Date(context.nowMs()).toISOString();
  const shipped = order.lines.reduce((sum, line) => sum + line.quantityShipped, 0);
  const ordered = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const open = order.status === 'Canceled' ? 0 : ordered - shipped;
  return {
    NotificationVersion: '1.0',
    NotificationType: 'ORDER_CHANGE',
    PayloadVersion: '1.0',
    EventTime: now,
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel',
        SellerId: shop.seed.platformShopId,
        AmazonOrderId: order.id,
        OrderChangeType: 'OrderStatusChange',
        OrderChangeTrigger: {
          TimeOfOrderChange: new Date(order.updatedMs).toISOString(),
          ChangeReason: 'Order status changed',
        },
        Summary: {
          MarketplaceId: shop.marketplaceId,
          OrderStatus: order.status,
          PurchaseDate: new Date(order.purchaseMs).toISOString(),
          DestinationPostalCode: '98101',
          FulfillmentType: order.fulfillment,
          OrderType: 'StandardOrder',
          NumberOfItemsShipped: shipped,
          NumberOfItemsUnshipped: open,
          OrderItems: order.lines.map((line) => ({
            OrderItemId: line.orderItemId,
            SellerSKU: line.sku,
            SupplySourceId: null,
            OrderItemStatus: order.status,
            Quantity: line.quantity,
            QuantityShipped: line.quantityShipped,
            IsBuyerRequestedCancel: false,
          })),
        },
      },
    },
    NotificationMetadata: {
      ApplicationId: `amzn1.sellerapps.app.${shop.seed.appKey}`,
      SubscriptionId: `subscription-${shop.seed.platformShopId}`,
      PublishTime: now,
      NotificationId: randomUUID(),
    },
  };
}
