import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { AccountPage } from '../features/accounts/AccountPage';
import { SearchPage } from '../features/accounts/SearchPage';
import { AuditPage } from '../features/admin/AuditPage';
import { MailboxPage } from '../features/admin/MailboxPage';
import { SettingsPage } from '../features/admin/SettingsPage';
import { TemplatesPage } from '../features/admin/TemplatesPage';
import { UsersPage } from '../features/admin/UsersPage';
import { LoginPage } from '../features/auth/LoginPage';
import { CasePage } from '../features/cases/CasePage';
import { CasesPage } from '../features/cases/CasesPage';
import { MyCommitmentsPage } from '../features/notes/MyCommitmentsPage';
import { useSession } from '../lib/session';
import { Shell } from './Shell';

export function App() {
  const { user, loading } = useSession();
  if (loading)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (!user) return <LoginPage />;
  const isAdmin = user.role === 'admin';
  const isLead = user.role !== 'agent';
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<SearchPage />} />
        <Route path="/accounts/:id" element={<AccountPage />} />
        <Route path="/cases" element={<CasesPage />} />
        <Route path="/cases/:id" element={<CasePage />} />
        <Route path="/commitments" element={<MyCommitmentsPage />} />
        {isLead && <Route path="/mailbox" element={<MailboxPage />} />}
        {isAdmin && <Route path="/admin/users" element={<UsersPage />} />}
        {isAdmin && <Route path="/admin/settings" element={<SettingsPage />} />}
        {isAdmin && <Route path="/admin/templates" element={<TemplatesPage />} />}
        {isAdmin && <Route path="/admin/audit" element={<AuditPage />} />}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
