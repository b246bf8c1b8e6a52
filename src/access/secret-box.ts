/**
 * Encryption at rest for platform credentials: AES-256-GCM with a random 96-bit IV per value and
 * the key id bound in as associated data. The current key encrypts; older keys (after a rotation)
 * still decrypt, so rotating never breaks a shop. Plaintext never reaches the database or a log.
 *
 * Stored form: `v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;

export class SecretBoxError extends Error {}

export interface SecretKey {
  id: string;
  key: Buffer;
}

/** Reads a 32-byte key given as 64 hex characters or base64 (standard or url-safe). */
export function parseSecretKey(text: string): SecretKey {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES)
    throw new SecretBoxError('the secret key must be 32 bytes, as 64 hex characters or base64');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function generateSecretKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

export class SecretBox {
  private readonly byId: Map<string, SecretKey>;

  /** `current` encrypts; `current` and `previous` decrypt. */
  constructor(
    private readonly current: SecretKey,
    previous: SecretKey[] = [],
  ) {
    this.byId = new Map([...previous, current].map((k) => [k.id, k]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    cipher.setAAD(Buffer.from(this.current.id));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return ['v1', this.current.id, ...parts].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || body === undefined)
      throw new SecretBoxError('not a sealed value');
    const secretKey = this.byId.get(keyId);
    if (!secretKey) throw new SecretBoxError(`no key ${keyId} to open this value`);
    const decipher = createDecipheriv(ALGORITHM, secretKey.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      const clear = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]);
      return clear.toString('utf8');
    } catch (error) {
      throw new SecretBoxError('the sealed value was altered or the key is wrong', {
        cause: error,
      });
    }
  }

  /** True when the value was sealed under an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}
