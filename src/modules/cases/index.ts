export {
  type CaseRow,
  findCaseByNumberOrThrow,
  findCaseOrThrow,
  listCases,
  listCasesQuery,
  lockCaseOrThrow,
  reopenCase,
  touchCase,
} from './cases.repository';
export { caseSummaryResponse, toCaseSummary, verificationStateResponse } from './cases.schemas';
