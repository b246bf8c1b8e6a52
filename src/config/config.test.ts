// Proves the configuration defaults give the Quick start, that naming a database turns the demo
// data off unless asked for, and that bad values are refused with the variable named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('with nothing set: SQLite in ./data, port 8080 on localhost, demo data on', () => {
    const c = loadConfig({});
    assert.equal(c.databaseUrl, './data/stockpool.db');
    assert.equal(c.port, 8080);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.sandbox, true);
  });

  it('a named database gets no demo data unless STOCKPOOL_SANDBOX says so', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/shop' }).sandbox, false);
    assert.equal(loadConfig({ DATABASE_URL: 'shop.db', STOCKPOOL_SANDBOX: 'yes' }).sandbox, true);
    assert.equal(loadConfig({ STOCKPOOL_SANDBOX: '0' }).sandbox, false);
  });

  it('refuses a bad value and names the variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /PORT/);
        return true;
      },
    );
    assert.throws(() => loadConfig({ STOCKPOOL_SANDBOX: 'maybe' }), /STOCKPOOL_SANDBOX/);
  });
});
