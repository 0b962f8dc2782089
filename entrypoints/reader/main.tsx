import { render } from 'preact';
import { extensionMessenger } from '../../lib/messaging/extension-protocol';
import { readMessage } from '../../lib/storage/mail-store';
import { t, textDirection, uiLanguage } from '../../lib/ui/i18n';
import { ReaderApp } from './ReaderApp';
// The mail view's own styles: MailView links none itself (the popup links them from its HTML).
import '../../components/MailView.css';
import './style.css';

const language = uiLanguage();
document.documentElement.lang = language;
document.documentElement.dir = textDirection(language);
document.title = t('readerPageTitle');

render(
  <ReaderApp
    search={location.search}
    language={language}
    sources={{
      readMessage: ({ mailboxId, messageId }) => readMessage(mailboxId, messageId),
      fetchMessage: (ids) => extensionMessenger.sendMessage('getMessage', ids),
    }}
  />,
  document.getElementById('app')!,
);
