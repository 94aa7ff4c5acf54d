import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CallScript } from '../settings/CallScript';
import { AccountSearch } from './AccountSearch';

export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('search.title')}</Title>
      {!params.get('q') && <CallScript />}
      <AccountSearch variant="page" />
    </Stack>
  );
}
