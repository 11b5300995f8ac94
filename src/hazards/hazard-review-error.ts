// Why a review step was refused. The kind says what kind of refusal it is, so the CLI and the HTTP
// API can answer it the same way (404, 409, 403, 422) without reading messages.
export type HazardReviewRefusal = 'not_found' | 'already_decided' | 'not_allowed' | 'invalid';

export class HazardReviewError extends Error {
  constructor(
    readonly kind: HazardReviewRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'HazardReviewError';
  }
}

export const REFUSAL_STATUS: Record<HazardReviewRefusal, 403 | 404 | 409 | 422> = {
  not_found: 404,
  already_decided: 409,
  not_allowed: 403,
  invalid: 422,
};
