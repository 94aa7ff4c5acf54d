export {
  type CaseRow,
  findCaseByNumberOrThrow,
  findCaseOrThrow,
  listAccountComplaintTimes,
  listCases,
  listCasesQuery,
  lockCaseOrThrow,
  reopenCase,
  touchCase,
} from './cases.repository';
export { caseSummaryResponse, toCaseSummary, verificationStateResponse } from './cases.schemas';
