export { TollwayError, type TollwayErrorOptions } from './errors/tollway-error.js';
export { TranslationError, type TranslationErrorCode } from './errors/translation-error.js';
export { API_FORMATS, type ApiFormat, formatForPath, isApiFormat } from './formats/api-format.js';
export type { TranslateOptions, TranslationWarning } from './formats/codec.js';
export type {
  IrAssistantPart,
  IrError,
  IrMessage,
  IrRequest,
  IrResponse,
  IrStopReason,
  IrStreamEvent,
  IrUsage,
} from './formats/ir.js';
export { type RenderErrorInput, renderError } from './formats/render-error.js';
export { parseSse, parseSseText, type SseByteSource, type SseEvent, serializeSse } from './formats/sse.js';
export { type TranslateErrorInput, translateErrorBody } from './formats/translate-error.js';
export { translateRequest } from './formats/translate-request.js';
export { translateResponse } from './formats/translate-response.js';
export type { TranslateInput, TranslateResult } from './formats/translate-result.js';
export { type TranslateStreamInput, translateStream } from './formats/translate-stream.js';
export {
  type PerCallCharge,
  type PerCallChargeInput,
  perCallCharge,
  platformFee,
} from './money/per-call-price.js';
export { costOfUsage, type TokenPrices, type TokenPricing, tokenPrices } from './money/token-pricing.js';
export { formatUsdc, parseUsdc, USDC_DECIMALS } from './money/usdc.js';
export { normalizePeerId } from './pinning/peer-id.js';
export { PIN_HELP, PinError, type PinErrorCode } from './pinning/pin-error.js';
export { type Pin, type PinSources, resolvePin } from './pinning/resolve-pin.js';
export { type FixedWindowResult, type FixedWindowState, fixedWindow } from './rate-limit/fixed-window.js';
export {
  type TokenBucketResult,
  type TokenBucketRule,
  type TokenBucketState,
  takeToken,
} from './rate-limit/token-bucket.js';
export {
  compareForLeaderboard,
  type ReputationOptions,
  type ReputationScore,
  reputationScore,
  type UsageAggregate,
} from './reputation/reputation-score.js';
export {
  signWebhook,
  type WebhookSignatureHeaders,
  type WebhookSignatureInput,
} from './webhooks/sign-webhook.js';
export {
  type VerifyWebhookInput,
  verifyWebhook,
  type WebhookVerification,
  type WebhookVerificationCode,
} from './webhooks/verify-webhook.js';
export { type WebhookBodyInput, webhookBody } from './webhooks/webhook-body.js';
