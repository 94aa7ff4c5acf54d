import type { Executor } from '../../platform/audit';
import { findAccountOrThrow } from '../accounts';
import { findCaseOrThrow } from '../cases';
import { getSetting } from '../settings';
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

/**
 * Who a case's messages go to, in which language, and the variables every template of it can use;
 * CASE_NOT_FOUND naming `field` when there is no such case.
 */
export async function loadCaseMessageTarget(
  db: Executor,
  caseId: string,
  field = 'params.id',
): Promise<CaseMessageTarget> {
  const kase = await findCaseOrThrow(db, caseId, field);
  const account = await findAccountOrThrow(db, kase.account_id, field);
  const desk = await loadDeskTexts(db);
  return {
    caseId: kase.id,
    caseNumber: kase.case_number,
    accountId: account.id,
    to: account.email,
    language: account.language,
    context: {
      company: companyVariables(desk, account.language),
      customer: {
        firstName: account.first_name,
        lastName: account.last_name,
        fullName: `${account.first_name} ${account.last_name}`,
      },
      account: { number: account.account_number },
      case: { number: kase.case_number },
    },
  };
}
