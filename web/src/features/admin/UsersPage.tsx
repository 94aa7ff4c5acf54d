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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldError, get, patch, post } from '../../lib/api';

interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: string;
  isActive: boolean;
}

export function UsersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['staff'], queryFn: () => get<{ items: StaffUser[] }>('/api/staff') });
  const [form, setForm] = useState({ email: '', displayName: '', role: 'agent', password: '' });
  const create = useMutation({
    mutationFn: () => post('/api/admin/staff', form),
    onSuccess: () => {
      setForm({ email: '', displayName: '', role: 'agent', password: '' });
      void qc.invalidateQueries({ queryKey: ['staff'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (u: StaffUser) => patch(`/api/admin/staff/${u.id}`, { isActive: !u.isActive }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['staff'] }),
  });
  const roles = ['agent', 'lead', 'admin'].map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Stack maw={1000}>
      <Title order={3}>{t('nav.users')}</Title>
      <Paper withBorder>
        <Table>
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
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => toggle.mutate(u)}>
                    {u.isActive ? t('users.deactivate') : t('users.reactivate')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {toggle.error && <Badge color="red">{errorText(toggle.error, t)}</Badge>}
      <Paper withBorder p="sm">
        <Title order={5}>{t('users.create')}</Title>
        <Group align="end">
          <TextInput
            label={t('login.email')}
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={fieldError(create.error, 'body.email')}
          />
          <TextInput
            label={t('users.name')}
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
            error={fieldError(create.error, 'body.displayName')}
          />
          <Select
            label={t('users.role')}
            data={roles}
            value={form.role}
            onChange={(v) => v && setForm({ ...form, role: v })}
            allowDeselect={false}
          />
          <PasswordInput
            label={t('login.password')}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={fieldError(create.error, 'body.password')}
          />
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
