/**
 * The Amazon SP-API emulator's entry point: start it, and the types of its handle and options.
 * See server.ts for what it serves and how the webhook methods speak of the SQS queue.
 */
export { startAmazonEmulator } from './server.ts';
export type { AmazonEmulator, EmulatedSqsSettings } from './server.ts';
export type { AmazonEmulatorOptions } from './context.ts';
