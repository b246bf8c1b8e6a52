/**
 * Lazada request signing, exactly as lazada.md §3.3 gives it (LZ-DOC "Signature algorithm",
 * lazop SDK `sign()`):
 *   sign = UPPER hex HMAC-SHA256(app_secret, api_path + sorted{key}{value} of every parameter but `sign`)
 * Every parameter means system and business ones alike, `access_token`, `payload` and
 * `sign_method` included; a POST's form fields are signed the same way (there is no other body).
 */
import { hmacSha256Hex } from '../http/hmac.ts';

export interface LazadaSignInput {
  appSecret: string;
  /** The API path without the gateway's `/rest`, e.g. `/orders/get`. */
  apiPath: string;
  /** Every parameter sent, query or form; `sign` itself is ignored if present. */
  params: Record<string, string>;
}

/** The string that is signed: path + each parameter as key+value, keys in ASCII order. */
export function lazadaStringToSign(input: LazadaSignInput): string {
  // ASCII order (§3.3 step 2): JS's default sort compares UTF-16 units, which is ASCII for keys.
  const keys = Object.keys(input.params)
    .filter((key) => key !== 'sign')
    .sort();
  return input.apiPath + keys.map((key) => `${key}${input.params[key] ?? ''}`).join('');
}

/** The `sign` parameter: upper-case hex (§3.3 step 6). Pure. */
export function signLazadaRequest(input: LazadaSignInput): string {
  return hmacSha256Hex(input.appSecret, lazadaStringToSign(input)).toUpperCase();
}
