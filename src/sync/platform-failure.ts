/** A platform call that failed for a seller's request, as the API's PLATFORM_ERROR outcome. */
import { isConnectorError } from '../connectors/errors.ts';
import { fail, type Outcome } from '../domain/outcome.ts';

export function platformFailure(shopId: string, error: unknown): Outcome<never> {
  return fail('PLATFORM_ERROR', {
    shopId,
    reason: isConnectorError(error) ? error.code : 'UNAVAILABLE',
    platformCode: isConnectorError(error) ? error.platformCode : null,
  });
}
