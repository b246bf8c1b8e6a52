/**
 * What is wrong with an allocation policy, in English and Simplified Chinese: one phrase per
 * problem code of validatePolicy (domain/allocation/validate-policy.ts), naming the setting as
 * the seller wrote it (`maxPerShop[shop-1]`, `priority[2]`) and the limit it breaks.
 */
import type { PolicyProblem, PolicyProblemCode } from '../domain/allocation/index.ts';
import type { Locale } from './locale.ts';

type Phrase = (where: string, p: PolicyProblem) => string;

const n = (value: number | undefined): string =>
  value === undefined ? '?' : value.toLocaleString('en-US');

const PHRASES: Record<PolicyProblemCode, Record<Locale, Phrase>> = {
  UNKNOWN_MODE: {
    en: (w) => `${w} must be shared, partitioned or adaptive`,
    'zh-CN': (w) => `${w} 须为 shared、partitioned 或 adaptive`,
  },
  NOT_A_COUNT: {
    en: (w) => `${w} must be a whole number, 0 or more`,
    'zh-CN': (w) => `${w} 须为不小于 0 的整数`,
  },
  UNITS_TOO_LARGE: {
    en: (w, p) => `${w} must be at most ${n(p.limit)} units`,
    'zh-CN': (w, p) => `${w} 不得超过 ${n(p.limit)} 件`,
  },
  WEIGHT_TOO_LARGE: {
    en: (w, p) => `${w} must be at most ${n(p.limit)}`,
    'zh-CN': (w, p) => `${w} 不得超过 ${n(p.limit)}`,
  },
  PERCENT_OUT_OF_RANGE: {
    en: (w) => `${w} must be from 0 to 100`,
    'zh-CN': (w) => `${w} 须在 0 到 100 之间`,
  },
  PERCENT_TOO_PRECISE: {
    en: (w) => `${w} may have at most two decimals`,
    'zh-CN': (w) => `${w} 最多保留两位小数`,
  },
  ADAPTIVE_SETTINGS_MISSING: {
    en: () => 'adaptive mode needs adaptive settings (roundTripSeconds)',
    'zh-CN': () => 'adaptive 模式需要 adaptive 设置（roundTripSeconds）',
  },
  ROUND_TRIP_NOT_POSITIVE: {
    en: (w) => `${w} must be more than 0 seconds`,
    'zh-CN': (w) => `${w} 须大于 0 秒`,
  },
  ROUND_TRIP_TOO_LONG: {
    en: (w, p) => `${w} must be at most ${n(p.limit)} seconds`,
    'zh-CN': (w, p) => `${w} 不得超过 ${n(p.limit)} 秒`,
  },
  SAFETY_FACTOR_BELOW_ONE: {
    en: (w) => `${w} must be at least 1`,
    'zh-CN': (w) => `${w} 不得小于 1`,
  },
  SAFETY_FACTOR_TOO_LARGE: {
    en: (w, p) => `${w} must be at most ${n(p.limit)}`,
    'zh-CN': (w, p) => `${w} 不得超过 ${n(p.limit)}`,
  },
  MIN_ABOVE_MAX: {
    en: (w, p) => `${w} is above the shop's maximum (maxPerShop ${n(p.limit)})`,
    'zh-CN': (w, p) => `${w} 大于该店铺的上限（maxPerShop ${n(p.limit)}）`,
  },
  DUPLICATE_PRIORITY: {
    en: (w, p) => `${w} names shop "${p.shopId ?? '?'}" a second time`,
    'zh-CN': (w, p) => `${w} 重复列出了店铺 ${p.shopId ?? '?'}`,
  },
  EMPTY_SHOP_ID: {
    en: (w) => `${w} has an empty shop id`,
    'zh-CN': (w) => `${w} 中有空的店铺编号`,
  },
};

/** Where the problem is: the field, then the shop's key or the list position. */
function whereOf(p: PolicyProblem): string {
  if (p.index !== undefined) return `${p.field}[${p.index}]`;
  return p.shopId === undefined ? p.field : `${p.field}[${p.shopId}]`;
}

function isProblem(value: unknown): value is PolicyProblem {
  const p = value as Partial<PolicyProblem> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.field === 'string' &&
    typeof p.code === 'string' &&
    Object.hasOwn(PHRASES, p.code)
  );
}

/**
 * The problems as one sentence part ("a; b; c"), or null when `issues` is not a list of policy
 * problems (an error made elsewhere, with only the `field: CODE` text).
 */
export function describePolicyProblems(issues: unknown, locale: Locale): string | null {
  if (!Array.isArray(issues) || issues.length === 0 || !issues.every(isProblem)) return null;
  const separator = locale === 'en' ? '; ' : '；';
  return issues.map((p) => PHRASES[p.code][locale](whereOf(p), p)).join(separator);
}
