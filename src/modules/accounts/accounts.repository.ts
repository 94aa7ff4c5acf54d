import type { Executor } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { AccountErrors } from './accounts.errors';

/** The account's row, or ACCOUNT_NOT_FOUND naming `field` (the request field that carried the id). */
export async function findAccountOrThrow(db: Executor, id: string, field = 'params.id') {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(AccountErrors.ACCOUNT_NOT_FOUND, 'Account', id, field);
  return row;
}

/** The account's row, locked for the rest of the transaction, or ACCOUNT_NOT_FOUND naming `field`. */
export async function lockAccountOrThrow(trx: Executor, id: string, field = 'params.id') {
  const row = await trx
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(AccountErrors.ACCOUNT_NOT_FOUND, 'Account', id, field);
  return row;
}
