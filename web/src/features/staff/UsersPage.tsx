import {
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError } from '../../lib/api';
import { useSession } from '../auth/session';
import {
  type NewStaffUser,
  useCreateStaffUser,
  useStaff,
  useUnlockStaffLogin,
  useUpdateStaffUser,
} from './staff.queries';

const EMPTY: NewStaffUser = { email: '', displayName: '', role: 'agent', password: '' };

export function UsersPage() {
  const { t } = useTranslation();
  const users = useStaff();
  const { user: me } = useSession();
  const [form, setForm] = useState(EMPTY);
  const create = useCreateStaffUser();
  const toggle = useUpdateStaffUser();
  const unlock = useUnlockStaffLogin();
  const roles = ['agent', 'lead', 'admin'].map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('nav.users')}</Title>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('login.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>{t('users.login')}</Table.Th>
                <Table.Th>{t('commitments.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                  <Table.Td>
                    {u.isActive ? (
                      <Badge color="green">{t('users.active')}</Badge>
                    ) : (
                      <Badge color="gray">{t('users.inactive')}</Badge>
                    )}
                    {u.loginBlocked && (
                      <Badge color="red" ml={4} title={t('users.loginBlockedHint')}>
                        {t('users.loginBlocked')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {u.loginBlocked && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={unlock.isPending && unlock.variables === u.id}
                        onClick={() => unlock.mutate(u.id)}
                      >
                        {t('users.unlockLogin')}
                      </Button>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {/* an admin does not lock themselves out: no deactivate on their own row */}
                    {u.id !== me?.id && (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => toggle.mutate({ id: u.id, isActive: !u.isActive })}
                        data-testid="toggle-user"
                      >
                        {u.isActive ? t('users.deactivate') : t('users.reactivate')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {toggle.error && <Badge color="red">{errorText(toggle.error, t)}</Badge>}
      {unlock.error && <Badge color="red">{errorText(unlock.error, t)}</Badge>}
      <Paper withBorder p="sm">
        <Title order={5}>{t('users.create')}</Title>
        <Group align="end" wrap="wrap">
          <TextInput
            w={220}
            label={t('login.email')}
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={fieldError(create.error, 'body.email')}
          />
          <TextInput
            w={200}
            label={t('users.name')}
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
            error={fieldError(create.error, 'body.displayName')}
          />
          <Select
            w={160}
            label={t('users.role')}
            data={roles}
            value={form.role}
            onChange={(v) => v && setForm({ ...form, role: v as NewStaffUser['role'] })}
            allowDeselect={false}
          />
          <PasswordInput
            w={220}
            label={t('login.password')}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={fieldError(create.error, 'body.password')}
          />
          <Button
            onClick={() => create.mutate(form, { onSuccess: () => setForm(EMPTY) })}
            loading={create.isPending}
          >
            {t('users.create')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
