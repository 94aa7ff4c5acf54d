export { type VerificationState, verificationStateOf } from './case-verification';
export {
  type CaseRow,
  findCaseByNumberOrThrow,
  findCaseOrThrow,
  listCases,
  listCasesQuery,
  lockCaseOrThrow,
} from './cases.repository';
export { caseSummaryResponse, toCaseSummary, verificationStateResponse } from './cases.schemas';
