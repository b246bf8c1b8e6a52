import { randomBytes } from 'node:crypto';
import type { Ids } from '../ports/ids.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encodeBase32(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** Time-ordered random ids: 48-bit ms time then 80 random bits, base32 (Crockford alphabet). */
export const randomIds: Ids = {
  next(prefix) {
    const time = encodeBase32(BigInt(Date.now()), 10);
    const random = encodeBase32(BigInt('0x' + randomBytes(10).toString('hex')), 16);
    return `${prefix}_${time}${random}`;
  },
};

/** Deterministic ids for tests: prefix_000001, prefix_000002, … */
export function sequentialIds(): Ids {
  let n = 0;
  return { next: (prefix) => `${prefix}_${String(++n).padStart(6, '0')}` };
}
