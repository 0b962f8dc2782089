import { t } from '../lib/ui/i18n';
import { destinationHostText } from '../lib/ui/link-destination';

/**
 * The site a link button opens, in text of our own under it (a mail cannot style or forge it): the host
 * (punycode beside Unicode) and a warning when the address hides something before an `@`. Give the link
 * `aria-describedby={id}` so screen readers hear it too.
 */
export function LinkDestination({ href, id }: { href: string; id: string }) {
  const shown = destinationHostText(href);
  if (!shown) return null;
  return (
    <span id={id} class={shown.userinfo ? 'link-destination warning small' : 'link-destination muted small'}>
      {shown.userinfo ? t('popupLinkHidesHost') : t('popupLinkOpensHost')} <bdi dir="ltr">{shown.host}</bdi>
    </span>
  );
}
