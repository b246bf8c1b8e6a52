/**
 * Where the credentials key comes from: STOCKPOOL_SECRET_KEY, else a key file, created (mode 0600)
 * on first use so the Quick start needs no setup. Production installs set the variable from their
 * secret store; the file is for a single machine.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SecretBox, generateSecretKeyText, parseSecretKey } from './secret-box.ts';

export interface SecretKeySource {
  secretKey: string | null;
  secretKeyFile: string;
  previousSecretKeys: string[];
}

export function loadSecretBox(source: SecretKeySource): {
  box: SecretBox;
  createdFile: string | null;
} {
  const previous = source.previousSecretKeys.map(parseSecretKey);
  if (source.secretKey)
    return { box: new SecretBox(parseSecretKey(source.secretKey), previous), createdFile: null };
  let createdFile: string | null = null;
  if (!existsSync(source.secretKeyFile)) {
    mkdirSync(dirname(source.secretKeyFile), { recursive: true });
    writeFileSync(source.secretKeyFile, `${generateSecretKeyText()}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    createdFile = source.secretKeyFile;
  }
  chmodSync(source.secretKeyFile, 0o600);
  const key = parseSecretKey(readFileSync(source.secretKeyFile, 'utf8'));
  return { box: new SecretBox(key, previous), createdFile };
}
