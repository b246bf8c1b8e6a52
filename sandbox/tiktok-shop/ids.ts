/**
 * Deterministic ids in TikTok's style (long decimal strings, tiktok-shop.md §1.7/§1.9 examples), so
 * runs replay. Each kind counts up from its own base.
 */
const BASES = {
  order: 576486316948490001n,
  lineItem: 577000000000000001n,
  notification: 7327112393057371910n,
  cancel: 4035000000000000001n,
  return: 4036000000000000001n,
  returnLineItem: 4037000000000000001n,
  request: 202403070749000101n,
  token: 1n,
} as const;

export type IdKind = keyof typeof BASES;

export class IdMint {
  private readonly counters = new Map<IdKind, bigint>();

  next(kind: IdKind): string {
    const count = this.counters.get(kind) ?? 0n;
    this.counters.set(kind, count + 1n);
    return (BASES[kind] + count).toString();
  }

  /** An opaque token (the real ones are long base64-like strings). */
  token(prefix: string): string {
    return `${prefix}${Buffer.from(this.next('token').padStart(12, '0')).toString('base64url')}`;
  }
}
