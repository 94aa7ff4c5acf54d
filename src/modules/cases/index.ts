export { type VerificationState, verificationStateOf } from './case-verification';
export { listCases } from './cases.repository';
export { caseSummaryResponse, toCaseSummary, verificationStateResponse } from './cases.schemas';
