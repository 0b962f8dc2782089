import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/ui/i18n';
import type { MailViewProps } from './MailView';

type MailViewComponent = (props: MailViewProps) => preact.JSX.Element;

let loading: Promise<MailViewComponent> | undefined;

/**
 * MailView with its sanitizer (DOMPurify) loaded only when a message is opened, so the popup's first paint
 * does not wait for code it may not need.
 */
export function LazyMailView(props: MailViewProps) {
  const [View, setView] = useState<MailViewComponent | null>(null);
  useEffect(() => {
    let alive = true;
    loading ??= import('./MailView').then((m) => m.MailView);
    void loading.then((component) => alive && setView(() => component));
    return () => {
      alive = false;
    };
  }, []);
  if (!View) {
    return (
      <p class="muted" role="status">
        {t('popupLoadingMessage')}
      </p>
    );
  }
  return <View {...props} />;
}
