export {
  findAccountOrThrow,
  findActiveRepresentative,
  listActiveRepresentatives,
  lockAccountOrThrow,
} from './accounts.repository';
export { type InterpretedQuery, interpretQuery } from './interpret-query';
export { getAccount } from './use-cases/get-account';
export { type AccountHit, searchAccounts } from './use-cases/search-accounts';
