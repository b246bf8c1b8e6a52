/**
 * WooCommerce's error answers (woocommerce.md §6.1, §6.2): `{code, message, data:{status}}` with
 * that HTTP status. A handler throws WooApiError; the gate turns it into the answer.
 */
export class WooApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { code: this.code, message: this.message, data: { status: this.status } };
  }
}

/** §6.1: the key, its signature, timestamp or nonce refused. */
export function authError(message: string): WooApiError {
  return new WooApiError('woocommerce_rest_authentication_error', message, 401);
}

/** An unknown object (`woocommerce_rest_{post_type}_invalid_id`, §6.2). */
export function invalidId(postType: string, status = 404): WooApiError {
  return new WooApiError(`woocommerce_rest_${postType}_invalid_id`, 'Invalid ID.', status);
}

export function invalidParam(name: string): WooApiError {
  return new WooApiError('rest_invalid_param', `Invalid parameter(s): ${name}`, 400);
}
