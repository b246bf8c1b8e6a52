/** The one-time admin token, printed so it cannot be missed, with the warning that it is shown once. */
import type { Io } from './io.ts';
import { text } from './text.ts';

const FIRST_START = text(
  () => 'First start: an admin token was created for you.',
  () => '首次启动：已为您创建管理员令牌。',
);
const TOKEN_LABEL = text(
  () => 'Admin token:',
  () => '管理员令牌：',
);
const SHOWN_ONCE = text(
  () => 'Copy it now. It is stored only as a hash and will NOT be shown again.',
  () => '请立即复制保存。系统只保存它的哈希值，之后不会再次显示。',
);
const HOW_TO_USE = text(
  () => 'Use it as: Authorization: Bearer <token>',
  () => '使用方式：Authorization: Bearer <令牌>',
);

export function printAdminToken(io: Io, token: string): void {
  const rule = '='.repeat(72);
  io.line(rule);
  io.line(`  ${io.t(FIRST_START)}`);
  io.line('');
  io.line(`  ${io.t(TOKEN_LABEL)} ${token}`);
  io.line('');
  io.line(`  ${io.t(SHOWN_ONCE)}`);
  io.line(`  ${io.t(HOW_TO_USE)}`);
  io.line(rule);
}
