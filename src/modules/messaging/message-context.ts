import type { Executor } from '../../platform/audit';
import { DomainError } from '../../platform/errors';
import { getSetting } from '../settings';
import { MessagingErrors } from './messaging.errors';
import type { Language } from './messaging.table';
import type { TemplateContext } from './templates/template-kinds';

/** The company's own words in every message; admins change them in the desk settings. */
export type DeskTexts = Awaited<ReturnType<typeof loadDeskTexts>>;

export function loadDeskTexts(db: Executor) {
  return getSetting(db, 'desk');
}

/**
 * The company's variables in the customer's language. Templates open with
 * "{{company.greeting}} {{customer.fullName}}," so both read naturally: "Guten Tag Erika Mustermann,".
 */
export function companyVariables(desk: DeskTexts, language: Language) {
  return {
    name: desk.companyName,
    supportEmail: desk.supportEmail,
    supportPhone: desk.supportPhone,
    signature: language === 'de' ? desk.signatureDe : desk.signatureEn,
    greeting: desk.greeting[language],
  };
}

export interface CaseMessageTarget {
  caseId: string;
  caseNumber: string;
  accountId: string;
  to: string | null;
  language: Language;
  context: TemplateContext;
}

/** Who a case's messages go to, in which language, and the variables every template of it can use. */
export async function loadCaseMessageTarget(db: Executor, caseId: string): Promise<CaseMessageTarget> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .select([
      'cases.id as caseId',
      'cases.case_number as caseNumber',
      'accounts.id as accountId',
      'accounts.account_number as accountNumber',
      'accounts.first_name as firstName',
      'accounts.last_name as lastName',
      'accounts.email as email',
      'accounts.language as language',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!row)
    throw new DomainError(MessagingErrors.MESSAGE_CASE_NOT_FOUND, `Case ${caseId} does not exist`, {
      field: 'caseId',
    });
  const desk = await loadDeskTexts(db);
  return {
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    accountId: row.accountId,
    to: row.email,
    language: row.language,
    context: {
      company: companyVariables(desk, row.language),
      customer: {
        firstName: row.firstName,
        lastName: row.lastName,
        fullName: `${row.firstName} ${row.lastName}`,
      },
      account: { number: row.accountNumber },
      case: { number: row.caseNumber },
    },
  };
}
