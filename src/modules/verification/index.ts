// the settings leaf first, and nothing here reaches settings, messaging or accounts: settings
// builds its schemas from this file while it loads

export { hashFactor, normalizeFactor } from './factor-hash';
export { assertCaseVerified, type GuardedAction, type VerifiedCaller } from './verification-guard';
export {
  CONFIG_FACTORS,
  type ConfigFactor,
  FACTOR_LIST,
  FACTORS,
  isShownToAgent,
  LOCKOUT,
  provideVerificationSettings,
  VERIFICATION_DEFAULTS,
  VERIFICATION_FACTORS,
  type VerificationFactor,
  type VerificationSettings,
  type VerificationSettingsSource,
  verificationSettings,
  verificationSettingsResponse,
} from './verification-settings';
export {
  type CaseVerificationColumns,
  lockStateOf,
  type VerificationState,
  verificationStateOf,
} from './verification-state';
