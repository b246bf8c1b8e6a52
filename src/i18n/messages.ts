/**
 * Every error code's message in English and Simplified Chinese, filled from the error's details.
 * The code is the stable contract; messages may be reworded. Sellers' own words (GLOSSARY.md).
 */
import type { DomainErrorCode } from '../domain/outcome.ts';
import type { Locale } from './locale.ts';
import { describePolicyProblems } from './policy-problems.ts';

/** Codes raised at the edges (HTTP, CLI) in addition to the domain's. */
export type EdgeErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'TENANT_EXISTS'
  | 'USER_EXISTS'
  | 'TOKEN_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'IMPORT_INVALID'
  | 'FILE_NOT_FOUND'
  | 'UNSUPPORTED_FILE'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'INVALID_WEBHOOK'
  | 'INTERNAL';

export type ErrorCode = DomainErrorCode | EdgeErrorCode;

type Details = Record<string, unknown>;
type Template = (d: Details) => string;

function s(v: unknown): string {
  if (v === undefined || v === null) return '?';
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? `${v}` : JSON.stringify(v);
}

const MESSAGES: Record<ErrorCode, Record<Locale, Template>> = {
  INSUFFICIENT_STOCK: {
    en: (d) =>
      `Not enough stock of ${s(d.sku)} in ${s(d.warehouse)}: asked ${s(d.requested)}, available ${s(d.available)}.`,
    'zh-CN': (d) =>
      `${s(d.warehouse)} 仓库中 ${s(d.sku)} 可用库存不足：需要 ${s(d.requested)}，可用 ${s(d.available)}。`,
  },
  COUNT_BELOW_RESERVED: {
    en: (d) =>
      `Counted ${s(d.counted)} of ${s(d.sku)} in ${s(d.warehouse)}, but open orders hold ${s(d.reserved)}. Release (cancel) the orders that cannot be filled first, then record the count.`,
    'zh-CN': (d) =>
      `${s(d.warehouse)} 仓库 ${s(d.sku)} 盘点数 ${s(d.counted)} 少于订单占用库存 ${s(d.reserved)}。请先释放（取消）无法履约的订单，再记录盘点数。`,
  },
  HOLD_NOT_FOUND: {
    en: (d) => `Hold ${s(d.holdId)} does not exist.`,
    'zh-CN': (d) => `占用记录 ${s(d.holdId)} 不存在。`,
  },
  HOLD_EXPIRED: {
    en: (d) =>
      `This unpaid hold expired at ${s(d.expiresAt)}; its stock has been or will be released.`,
    'zh-CN': (d) => `该未付款占用已于 ${s(d.expiresAt)} 过期，库存已释放或即将释放。`,
  },
  INVALID_HOLD_TRANSITION: {
    en: (d) => `A hold that is ${s(d.from)} cannot be asked to ${s(d.action)}.`,
    'zh-CN': (d) => `状态为 ${s(d.from)} 的占用不能执行 ${s(d.action)}。`,
  },
  SKU_NOT_FOUND: {
    en: (d) => `SKU ${s(d.sku)} does not exist.`,
    'zh-CN': (d) => `SKU ${s(d.sku)} 不存在。`,
  },
  WAREHOUSE_NOT_FOUND: {
    en: (d) => `Warehouse ${s(d.warehouse)} does not exist.`,
    'zh-CN': (d) => `仓库 ${s(d.warehouse)} 不存在。`,
  },
  TRANSFER_NOT_FOUND: {
    en: (d) => `Transfer ${s(d.transferId)} does not exist.`,
    'zh-CN': (d) => `调拨单 ${s(d.transferId)} 不存在。`,
  },
  INVALID_TRANSFER_TRANSITION: {
    en: (d) => `Transfer ${s(d.transferId)} cannot do that now.`,
    'zh-CN': (d) => `调拨单 ${s(d.transferId)} 当前状态不允许该操作。`,
  },
  SAME_WAREHOUSE: {
    en: () => 'A transfer needs two different warehouses.',
    'zh-CN': () => '调拨的调出仓和调入仓不能相同。',
  },
  BUNDLE_NOT_STOCKABLE: {
    en: (d) =>
      `${s(d.sku)} is a bundle: its stock is its components'. Record stock for the components instead.`,
    'zh-CN': (d) => `${s(d.sku)} 是组合商品，库存来自其组成 SKU，请对组成 SKU 记录库存。`,
  },
  DUPLICATE_LINE: {
    en: (d) => `SKU ${s(d.sku)} appears more than once.`,
    'zh-CN': (d) => `SKU ${s(d.sku)} 重复出现。`,
  },
  SKU_EXISTS: {
    en: (d) => `SKU ${s(d.sku)} already exists.`,
    'zh-CN': (d) => `SKU ${s(d.sku)} 已存在。`,
  },
  WAREHOUSE_EXISTS: {
    en: (d) => `Warehouse ${s(d.warehouse)} already exists.`,
    'zh-CN': (d) => `仓库 ${s(d.warehouse)} 已存在。`,
  },
  INVALID_BUNDLE: {
    en: (d) => `Bundle ${s(d.sku)} is not valid: ${s(d.reason)}.`,
    'zh-CN': (d) => `组合商品 ${s(d.sku)} 定义无效：${s(d.reason)}。`,
  },
  NOT_A_BUNDLE: {
    en: (d) => `${s(d.sku)} is not a bundle, so it has no components.`,
    'zh-CN': (d) => `${s(d.sku)} 不是组合商品，没有组成 SKU。`,
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: (d) => `Idempotency key ${s(d.key)} was already used for a different request.`,
    'zh-CN': (d) => `幂等键 ${s(d.key)} 已用于另一个不同的请求。`,
  },
  INVALID_QUANTITY: {
    en: (d) =>
      `${s(d.quantity)} is not a valid quantity for ${s(d.sku)}: use a whole number from ${s(d.min)} to ${s(d.max)}.`,
    'zh-CN': (d) =>
      `${s(d.sku)} 的数量 ${s(d.quantity)} 无效：请填写 ${s(d.min)} 到 ${s(d.max)} 之间的整数。`,
  },
  INVALID_IDEMPOTENCY_KEY: {
    en: (d) => `Idempotency key ${s(d.key)} cannot be used: ${s(d.reason)}.`,
    'zh-CN': (d) => `幂等键 ${s(d.key)} 不可用：${s(d.reason)}。`,
  },
  VALIDATION_FAILED: {
    en: (d) => `The request is not valid: ${s(d.summary)}`,
    'zh-CN': (d) => `请求无效：${s(d.summary)}`,
  },
  UNAUTHORIZED: {
    en: () => 'A valid API token is required (Authorization: Bearer …).',
    'zh-CN': () => '需要有效的 API 令牌（Authorization: Bearer …）。',
  },
  FORBIDDEN: {
    en: (d) => `Your role (${s(d.role)}) may not do this; it needs ${s(d.required)}.`,
    'zh-CN': (d) => `当前角色（${s(d.role)}）无权执行此操作，需要 ${s(d.required)}。`,
  },
  NOT_FOUND: { en: () => 'Not found.', 'zh-CN': () => '未找到。' },
  CONFLICT: { en: (d) => `Conflict: ${s(d.reason)}`, 'zh-CN': (d) => `冲突：${s(d.reason)}` },
  PAYLOAD_TOO_LARGE: {
    en: (d) => `The request body is larger than ${s(d.limitBytes)} bytes.`,
    'zh-CN': (d) => `请求体超过 ${s(d.limitBytes)} 字节上限。`,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    en: () => 'Send the body as application/json.',
    'zh-CN': () => '请求体须为 application/json。',
  },
  RATE_LIMITED: {
    en: () => 'Too many requests; retry later.',
    'zh-CN': () => '请求过于频繁，请稍后重试。',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    en: () =>
      'This request changes stock: send an Idempotency-Key header so it can be retried safely.',
    'zh-CN': () => '该请求会改变库存：请附带 Idempotency-Key 请求头，以便安全重试。',
  },
  TENANT_EXISTS: {
    en: (d) => `Tenant ${s(d.tenant)} already exists.`,
    'zh-CN': (d) => `租户 ${s(d.tenant)} 已存在。`,
  },
  USER_EXISTS: {
    en: (d) => `A user with e-mail ${s(d.email)} already exists.`,
    'zh-CN': (d) => `邮箱为 ${s(d.email)} 的用户已存在。`,
  },
  TOKEN_NOT_FOUND: {
    en: (d) => `Token ${s(d.tokenId)} does not exist or is already revoked.`,
    'zh-CN': (d) => `令牌 ${s(d.tokenId)} 不存在或已被吊销。`,
  },
  USER_NOT_FOUND: {
    en: (d) => `User ${s(d.userId)} does not exist.`,
    'zh-CN': (d) => `用户 ${s(d.userId)} 不存在。`,
  },
  IMPORT_INVALID: {
    en: (d) =>
      `The file has ${s(d.errors)} bad row(s); nothing was imported. Fix them, or use --skip-bad-rows.`,
    'zh-CN': (d) =>
      `文件中有 ${s(d.errors)} 行数据有误，未导入任何内容。请修正，或使用 --skip-bad-rows。`,
  },
  FILE_NOT_FOUND: {
    en: (d) => `File ${s(d.path)} does not exist.`,
    'zh-CN': (d) => `文件 ${s(d.path)} 不存在。`,
  },
  UNSUPPORTED_FILE: {
    en: (d) => `Cannot read ${s(d.path)}: use .xlsx or .csv.`,
    'zh-CN': (d) => `无法读取 ${s(d.path)}：请使用 .xlsx 或 .csv 文件。`,
  },
  SHOP_NOT_FOUND: {
    en: (d) => `Shop ${s(d.shopId)} does not exist.`,
    'zh-CN': (d) => `店铺 ${s(d.shopId)} 不存在。`,
  },
  SHOP_EXISTS: {
    en: (d) => `The ${s(d.platform)} shop ${s(d.platformShopId)} is already connected.`,
    'zh-CN': (d) => `${s(d.platform)} 店铺 ${s(d.platformShopId)} 已经绑定过了。`,
  },
  SHOP_BUSY: {
    en: (d) =>
      `Shop ${s(d.shopId)} is renewing its access tokens right now; nothing was changed. Try again in a moment.`,
    'zh-CN': (d) => `店铺 ${s(d.shopId)} 正在续期授权令牌，本次未做任何修改，请稍后重试。`,
  },
  ORDER_BUSY: {
    en: (d) =>
      `Order ${s(d.orderId)} is being applied by the sync worker right now. Try again in a moment.`,
    'zh-CN': (d) => `订单 ${s(d.orderId)} 正在由同步进程处理，请稍后重试。`,
  },
  PLATFORM_NOT_SUPPORTED: {
    en: (d) => `Platform ${s(d.platform)} is not supported (yet).`,
    'zh-CN': (d) => `暂不支持平台 ${s(d.platform)}。`,
  },
  LISTING_NOT_FOUND: {
    en: (d) => `Listing ${s(d.listingId)} does not exist.`,
    'zh-CN': (d) => `平台商品 ${s(d.listingId)} 不存在。`,
  },
  ORDER_NOT_FOUND: {
    en: (d) => `Order ${s(d.orderId)} does not exist.`,
    'zh-CN': (d) => `订单 ${s(d.orderId)} 不存在。`,
  },
  INVALID_POLICY: {
    en: (d) =>
      `The allocation policy is not valid: ${describePolicyProblems(d.issues, 'en') ?? s(d.problems)}.`,
    'zh-CN': (d) =>
      `库存分配策略无效：${describePolicyProblems(d.issues, 'zh-CN') ?? s(d.problems)}。`,
  },
  SHOP_GROUP_NOT_FOUND: {
    en: (d) => `Shop group ${s(d.groupId)} does not exist.`,
    'zh-CN': (d) => `店铺分组 ${s(d.groupId)} 不存在。`,
  },
  SHOP_GROUP_EXISTS: {
    en: (d) => `A shop group named ${s(d.name)} already exists.`,
    'zh-CN': (d) => `已存在名为 ${s(d.name)} 的店铺分组。`,
  },
  SHOP_GROUP_NOT_EMPTY: {
    en: (d) =>
      `Shop group ${s(d.groupId)} still has ${s(d.members)} shop(s): remove them from the group first.`,
    'zh-CN': (d) => `店铺分组 ${s(d.groupId)} 中还有 ${s(d.members)} 个店铺，请先将它们移出分组。`,
  },
  INVALID_ORDER_TRANSITION: {
    en: (d) =>
      `Order ${s(d.orderId)} is ${s(d.outcome)}; only a parked order can be retried or cancelled by hand.`,
    'zh-CN': (d) =>
      `订单 ${s(d.orderId)} 当前状态为 ${s(d.outcome)}；只有待处理（挂起）的订单可以手动重试或取消。`,
  },
  DEAD_LETTER_NOT_FOUND: {
    en: (d) => `Listing ${s(d.listingId)} has no failed push waiting for a retry.`,
    'zh-CN': (d) => `平台商品 ${s(d.listingId)} 没有等待重试的失败同步。`,
  },
  PLATFORM_ERROR: {
    en: (d) =>
      `The platform did not accept the request for shop ${s(d.shopId)}: ${s(d.reason)}${d.platformCode ? ` (${s(d.platformCode)})` : ''}.`,
    'zh-CN': (d) =>
      `平台拒绝了店铺 ${s(d.shopId)} 的请求：${s(d.reason)}${d.platformCode ? `（${s(d.platformCode)}）` : ''}。`,
  },
  WEBHOOK_SIGNATURE_INVALID: {
    en: () => 'The webhook signature does not match: nothing was stored.',
    'zh-CN': () => '推送签名不匹配，未保存任何内容。',
  },
  INVALID_WEBHOOK: {
    en: () => 'The webhook body is not a notification this platform sends.',
    'zh-CN': () => '推送内容不是该平台发送的通知格式。',
  },
  INTERNAL: {
    en: () => 'Something went wrong on our side; nothing was changed.',
    'zh-CN': () => '服务器内部错误，未做任何更改。',
  },
};

export function messageFor(code: ErrorCode, details: Details, locale: Locale): string {
  return MESSAGES[code][locale](details);
}

export function isErrorCode(code: string): code is ErrorCode {
  return code in MESSAGES;
}
