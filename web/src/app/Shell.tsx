import {
  AppShell,
  Badge,
  Button,
  Group,
  Kbd,
  Modal,
  NavLink,
  SegmentedControl,
  Table,
  Text,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AccountSearch, SEARCH_BOX_SELECTOR } from '../features/accounts/AccountSearch';
import { useLogout, useSaveLocale } from '../features/auth/auth.queries';
import { useSession } from '../features/auth/session';
import { LANGUAGE_KEY } from '../i18n';

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const logout = useLogout();
  const saveLocale = useSaveLocale();
  const location = useLocation();
  const focusSearch = () => document.querySelector<HTMLInputElement>(SEARCH_BOX_SELECTOR)?.focus();
  const [shortcuts, setShortcuts] = useState(false);
  useFocusOnNavigation(location.pathname);
  useHotkeys([
    ['/', focusSearch],
    ['mod+K', focusSearch],
    ['shift+?', () => setShortcuts(true)],
  ]);
  const setLanguage = (lng: string) => {
    const locale = lng === 'en' ? 'en' : 'de';
    void i18n.changeLanguage(locale);
    localStorage.setItem(LANGUAGE_KEY, locale);
    document.documentElement.lang = locale;
    saveLocale.mutate(locale);
  };
  const nav = [
    { to: '/', label: t('nav.search') },
    { to: '/cases', label: t('nav.cases') },
    { to: '/commitments', label: t('nav.commitments') },
    { to: '/insights', label: t('dashboard.nav') },
    ...(user?.role !== 'agent'
      ? [
          { to: '/exceptions', label: t('exceptions.nav') },
          { to: '/insights/repeat-requesters', label: t('repeat.nav') },
          { to: '/mailbox', label: t('nav.mailbox') },
        ]
      : []),
    ...(user?.role === 'admin'
      ? [
          { to: '/admin/users', label: t('nav.users') },
          { to: '/admin/settings', label: t('nav.settings') },
          { to: '/admin/policy', label: t('nav.policy') },
          { to: '/admin/offers', label: t('nav.offers') },
          { to: '/admin/templates', label: t('nav.templates') },
          { to: '/admin/audit', label: t('nav.audit') },
        ]
      : []),
  ];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm' }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg">
            kulanz
          </Text>
          {/* the search page has the same box in its content; one box on the screen */}
          {location.pathname !== '/' ? <AccountSearch variant="header" /> : <div style={{ flex: 1 }} />}
          <Group gap="xs" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label={t('nav.language')}
              value={i18n.language}
              onChange={setLanguage}
              data={[
                { value: 'de', label: 'DE' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Badge variant="light">{user?.role && t(`roles.${user.role}`)}</Badge>
            <Text size="sm">{user?.displayName}</Text>
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setShortcuts(true)}
              aria-label={t('shortcuts.title')}
              title={t('shortcuts.title')}
            >
              ?
            </Button>
            <Button size="xs" variant="subtle" onClick={() => void logout()}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        {nav.map((n) => (
          <NavLink
            key={n.to}
            component={Link}
            to={n.to}
            label={n.label}
            active={location.pathname === n.to}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        {children}
      </AppShell.Main>
      <Shortcuts opened={shortcuts} onClose={() => setShortcuts(false)} />
    </AppShell>
  );
}

const MAIN_ID = 'main';

/**
 * After moving to another page the focus would be lost with the link that was followed: it goes
 * to the page's content instead, unless the page put it somewhere itself (a search box).
 */
function useFocusOnNavigation(pathname: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the page changed
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const active = document.activeElement;
    if (!active || active === document.body) document.getElementById(MAIN_ID)?.focus({ preventScroll: true });
  }, [pathname]);
}

/** The first stop of Tab: past the header and the navigation straight to the page. */
function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(e) => {
        // focus, not a hash in the address: the router owns the URL
        e.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t('nav.skipToContent')}
    </a>
  );
}

/** The keys that spare an agent the mouse during a call. */
const SHORTCUTS: Array<[string, string]> = [
  ['/', 'search'],
  ['Ctrl+K', 'search'],
  ['↑ ↓ Enter', 'results'],
  ['N', 'newCase'],
  ['N', 'note'],
  ['?', 'help'],
];

function Shortcuts({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} data-testid="shortcuts">
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={`${keys}-${what}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Kbd>{keys}</Kbd>
              </Table.Td>
              <Table.Td>{t(`shortcuts.${what}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
