/**
 * `--name value` options of the reliability runners: each key of the defaults may be given, as a
 * number or (for strings) as text; anything else is refused with the list of known options.
 */
export function parseOptions<T extends object>(args: readonly string[], defaults: T): T {
  const options: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    const name = flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const value = args[i + 1];
    const current = (defaults as Record<string, unknown>)[name];
    if (!flag.startsWith('--') || current === undefined || value === undefined)
      throw new Error(`unknown option ${flag}; known: ${Object.keys(defaults).join(', ')}`);
    i += 1;
    if (typeof current === 'number') {
      const n = Number(value.replace(/_/g, ''));
      if (!Number.isFinite(n)) throw new Error(`${flag} wants a number, got ${value}`);
      options[name] = n;
    } else options[name] = Array.isArray(current) ? value.split(',') : value;
  }
  return options as T;
}
