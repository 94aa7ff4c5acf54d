export { hashFactor, normalizeFactor } from './factor-hash';
export { VERIFICATION_FACTORS, type VerificationFactor } from './verification.table';
export { assertCaseVerified, type GuardedAction, type VerifiedCaller } from './verification-guard';
