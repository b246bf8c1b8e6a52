/** Prints the result of the invariant check (src/store/invariant-check.ts) for `check` and `restore`. */
import type { InvariantViolation } from '../store/invariant-check.ts';
import type { Io } from './io.ts';
import { show, text } from './text.ts';

const OK = text(
  () => 'Invariant check: ok (ledger, open holds, available, storage).',
  () => '一致性检查：通过（流水、占用、可用库存、存储）。',
);
const FAILED = text(
  (p) => `Invariant check FAILED: ${show(p.count)} violation(s):`,
  (p) => `一致性检查未通过：共 ${show(p.count)} 处问题：`,
);

const RULES: Record<InvariantViolation['rule'], { en: string; zh: string }> = {
  ledger_on_hand: {
    en: 'on hand differs from the sum of its ledger movements',
    zh: '实际库存与流水合计不符',
  },
  ledger_reserved: {
    en: 'reserved differs from the sum of its ledger movements',
    zh: '占用库存与流水合计不符',
  },
  open_holds: { en: 'reserved differs from the open holds', zh: '占用库存与未完成占用合计不符' },
  negative_available: { en: 'available is negative', zh: '可用库存为负' },
  storage: { en: 'storage integrity check failed', zh: '存储完整性检查失败' },
};

function describe(v: InvariantViolation, zh: boolean): string {
  const parts: string[] = [];
  if (v.tenantId !== undefined) parts.push(zh ? `租户 ${v.tenantId}` : `tenant ${v.tenantId}`);
  if (v.skuId !== undefined) parts.push(`SKU #${v.skuId}`);
  if (v.warehouseId !== undefined)
    parts.push(zh ? `仓库 #${v.warehouseId}` : `warehouse #${v.warehouseId}`);
  const figures =
    v.expected !== undefined
      ? zh
        ? `应为 ${v.expected}，实际 ${v.actual}`
        : `expected ${v.expected}, found ${v.actual}`
      : v.actual !== undefined
        ? `${v.actual}`
        : '';
  const rule = zh ? RULES[v.rule].zh : RULES[v.rule].en;
  const where = parts.join(zh ? '，' : ', ');
  const tail = [figures, v.detail].filter(Boolean).join(zh ? '；' : '; ');
  return `  - [${v.rule}] ${rule}${where ? ` (${where})` : ''}${tail ? `: ${tail}` : ''}`;
}

/** Prints the outcome; returns the number of violations. */
export function printInvariants(io: Io, violations: readonly InvariantViolation[]): number {
  if (violations.length === 0) {
    io.say(OK);
    return 0;
  }
  io.say(FAILED, { count: violations.length });
  for (const v of violations) io.line(describe(v, io.locale === 'zh-CN'));
  return violations.length;
}
