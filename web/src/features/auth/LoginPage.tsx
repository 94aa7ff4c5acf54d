import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useLogin } from './auth.queries';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Center component="main" h="100vh">
      <Paper withBorder p="xl" w={380} shadow="sm">
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await login.mutateAsync({ email, password });
            } catch (err) {
              setError(
                err instanceof ApiError && err.status === 429 ? t('login.throttled') : t('login.failed'),
              );
            } finally {
              setBusy(false);
            }
          }}
        >
          <Stack>
            <Title order={1} size="h2">
              kulanz
            </Title>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoFocus
              required
            />
            <PasswordInput
              label={t('login.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              required
            />
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
