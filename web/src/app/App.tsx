import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { AccountPage } from '../features/accounts/AccountPage';
import { SearchPage } from '../features/accounts/SearchPage';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/auth/LoginPage';
import { useSession } from '../features/auth/session';
import { CasePage } from '../features/cases/CasePage';
import { CasesPage } from '../features/cases/CasesPage';
import { DashboardPage } from '../features/insights/DashboardPage';
import { RepeatRequestersPage } from '../features/insights/RepeatRequestersPage';
import { MailboxPage } from '../features/messaging/MailboxPage';
import { TemplatesPage } from '../features/messaging/TemplatesPage';
import { MyCommitmentsPage } from '../features/notes/MyCommitmentsPage';
import { OffersPage } from '../features/offers/OffersPage';
import { PolicyPage } from '../features/policy/PolicyPage';
import { ExceptionPage } from '../features/refunds/ExceptionPage';
import { ExceptionsPage } from '../features/refunds/ExceptionsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/staff/UsersPage';
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
        <Route path="/insights" element={<DashboardPage />} />
        {isLead && <Route path="/mailbox" element={<MailboxPage />} />}
        {isLead && <Route path="/exceptions" element={<ExceptionsPage />} />}
        {isLead && <Route path="/exceptions/:id" element={<ExceptionPage />} />}
        {isLead && <Route path="/insights/repeat-requesters" element={<RepeatRequestersPage />} />}
        {isAdmin && <Route path="/admin/users" element={<UsersPage />} />}
        {isAdmin && <Route path="/admin/settings" element={<SettingsPage />} />}
        {isAdmin && <Route path="/admin/policy" element={<PolicyPage />} />}
        {isAdmin && <Route path="/admin/offers" element={<OffersPage />} />}
        {isAdmin && <Route path="/admin/templates" element={<TemplatesPage />} />}
        {isAdmin && <Route path="/admin/audit" element={<AuditPage />} />}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
