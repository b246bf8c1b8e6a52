// Proves Amazon's notification reading (amazon.md §4.5): an ORDER_CHANGE SQS body becomes an order
// event named by its NotificationId; other types are 'other'; no HTTP request ever verifies (there
// is no webhook, forged or not); bodies that are not notifications are BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import { parseAmazonNotification, verifyAmazonWebhook } from './webhook.ts';

const ORDER_CHANGE = {
  NotificationVersion: '1.0',
  NotificationType: 'ORDER_CHANGE',
  PayloadVersion: '1.0',
  EventTime: '2026-03-01T10:00:01.000Z',
  Payload: {
    OrderChangeNotification: {
      NotificationLevel: 'OrderLevel',
      SellerId: 'A3TH9S8BH6GOGM',
      AmazonOrderId: '113-0000001-0007919',
      OrderChangeType: 'OrderStatusChange',
      OrderChangeTrigger: {
        TimeOfOrderChange: '2026-03-01T10:00:00.000Z',
        ChangeReason: 'Order status changed',
      },
      Summary: {
        MarketplaceId: 'ATVPDKIKX0DER',
        OrderStatus: 'Unshipped',
        FulfillmentType: 'MFN',
        OrderItems: [],
      },
    },
  },
  NotificationMetadata: {
    ApplicationId: 'amzn1.sellerapps.app.x',
    SubscriptionId: 'sub-1',
    PublishTime: '2026-03-01T10:00:02.000Z',
    NotificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746',
  },
};

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const badPayload = (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD';

describe('parseAmazonNotification', () => {
  it('reads ORDER_CHANGE as an order event with its id, seller, status and time of change', () => {
    assert.deepEqual(parseAmazonNotification(body(ORDER_CHANGE)), {
      kind: 'order',
      eventId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746',
      platformShopId: 'A3TH9S8BH6GOGM',
      orderId: '113-0000001-0007919',
      rawStatus: 'Unshipped',
      updatedAtMs: Date.parse('2026-03-01T10:00:00.000Z'),
    });
  });

  it('falls back to the change type without a summary and to EventTime without a trigger', () => {
    const change = {
      ...ORDER_CHANGE.Payload.OrderChangeNotification,
      Summary: undefined,
      OrderChangeTrigger: undefined,
      OrderChangeType: 'BuyerRequestedChange',
    };
    const event = parseAmazonNotification(
      body({ ...ORDER_CHANGE, Payload: { OrderChangeNotification: change } }),
    );
    assert.ok(event.kind === 'order');
    assert.equal(event.rawStatus, 'BuyerRequestedChange');
    assert.equal(event.updatedAtMs, Date.parse(ORDER_CHANGE.EventTime));
  });

  it('takes EventTime when the time of change is null (the schema allows it)', () => {
    const change = {
      ...ORDER_CHANGE.Payload.OrderChangeNotification,
      OrderChangeTrigger: { TimeOfOrderChange: null, ChangeReason: 'Order status changed' },
    };
    const event = parseAmazonNotification(
      body({ ...ORDER_CHANGE, Payload: { OrderChangeNotification: change } }),
    );
    assert.ok(event.kind === 'order');
    assert.equal(event.updatedAtMs, Date.parse(ORDER_CHANGE.EventTime));
  });

  it('reads another notification type as other, keeping its id', () => {
    const other = { ...ORDER_CHANGE, NotificationType: 'LISTINGS_ITEM_STATUS_CHANGE', Payload: {} };
    assert.deepEqual(parseAmazonNotification(body(other)), {
      kind: 'other',
      eventId: ORDER_CHANGE.NotificationMetadata.NotificationId,
      platformShopId: null,
      type: 'LISTINGS_ITEM_STATUS_CHANGE',
    });
  });

  it('refuses bodies that are not notifications, or an ORDER_CHANGE without its order', () => {
    const noOrder = { ...ORDER_CHANGE, Payload: { OrderChangeNotification: { SellerId: 'A1' } } };
    const noId = { ...ORDER_CHANGE, NotificationMetadata: {} };
    const noTime = {
      ...ORDER_CHANGE,
      EventTime: undefined,
      Payload: {
        OrderChangeNotification: {
          ...ORDER_CHANGE.Payload.OrderChangeNotification,
          OrderChangeTrigger: undefined,
        },
      },
    };
    for (const raw of [
      Buffer.from('not json'),
      Buffer.from('[]'),
      body({ unexpected: true }),
      body(noOrder),
      body(noId),
      body(noTime),
    ])
      assert.throws(() => parseAmazonNotification(raw), badPayload, raw.toString());
  });
});

describe('verifyAmazonWebhook', () => {
  it('verifies no HTTP request: good-looking, forged or malformed, Amazon sends none', () => {
    const requests = [
      {
        rawBody: body(ORDER_CHANGE),
        headers: { 'content-type': 'application/json' },
        url: 'https://stockpool.example/webhooks/amazon',
      },
      {
        rawBody: body(ORDER_CHANGE),
        headers: { authorization: 'forged', 'x-amz-sns-message-type': 'Notification' },
        url: 'https://stockpool.example/webhooks/amazon',
      },
      { rawBody: Buffer.from('not json'), headers: {}, url: '' },
    ];
    for (const request of requests) assert.equal(verifyAmazonWebhook(request), false);
  });
});
