// Proves that credentials sealed by the secret box are unreadable without the key, tamper-evident,
// and still open after a key rotation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretBox, SecretBoxError, generateSecretKeyText, parseSecretKey } from './secret-box.ts';

const keyA = parseSecretKey(generateSecretKeyText());
const keyB = parseSecretKey(generateSecretKeyText());

test('a sealed value opens to the same text and does not contain it', () => {
  const box = new SecretBox(keyA);
  const sealed = box.seal('{"accessToken":"ROW1secret-token"}');
  assert.equal(box.open(sealed), '{"accessToken":"ROW1secret-token"}');
  assert.ok(!sealed.includes('secret-token'));
  assert.notEqual(box.seal('same'), box.seal('same'), 'a fresh IV every time');
});

test('a changed byte is detected', () => {
  const box = new SecretBox(keyA);
  const sealed = box.seal('hello');
  const parts = sealed.split('.');
  const body = Buffer.from(parts[4] ?? '', 'base64url');
  body[0] = (body[0] ?? 0) ^ 1;
  parts[4] = body.toString('base64url');
  assert.throws(() => box.open(parts.join('.')), SecretBoxError);
});

test('after rotation, values sealed under the old key still open and are marked stale', () => {
  const old = new SecretBox(keyA);
  const sealed = old.seal('token');
  const rotated = new SecretBox(keyB, [keyA]);
  assert.equal(rotated.open(sealed), 'token');
  assert.ok(rotated.isStale(sealed));
  assert.ok(!rotated.isStale(rotated.seal('token')));
  assert.throws(() => new SecretBox(keyB).open(sealed), /no key/);
});

test('keys are accepted as hex or base64 and must be 32 bytes', () => {
  assert.equal(parseSecretKey('ab'.repeat(32)).key.length, 32);
  assert.throws(() => parseSecretKey('c2hvcnQ='), SecretBoxError);
});
