import { DateInput, type DateInputProps } from '@mantine/dates';
import 'dayjs/locale/de';
import 'dayjs/locale/en';
import { useTranslation } from 'react-i18next';
import { parseDay } from './days';

/** How a day is written in each UI language (the browser's own locale does not matter). */
export const DAY_FORMAT: Record<string, string> = { de: 'DD.MM.YYYY', en: 'D MMM YYYY' };

/** A day field written and shown the UI language's way (TT.MM.JJJJ in German), valued YYYY-MM-DD. */
export function DateField(
  props: Omit<DateInputProps, 'value' | 'onChange'> & {
    value: string;
    onChange: (day: string) => void;
  },
) {
  const { i18n, t } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'de';
  const { value, onChange, ...rest } = props;
  return (
    <DateInput
      {...rest}
      locale={lang}
      firstDayOfWeek={1}
      valueFormat={DAY_FORMAT[lang]}
      placeholder={t('common.dayPlaceholder')}
      dateParser={(input) => parseDay(input)}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
      popoverProps={{ withinPortal: true }}
    />
  );
}
