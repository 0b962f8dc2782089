import type { ComponentChildren } from 'preact';
import { errorDetail, errorText } from '../lib/ui/error-text';

/** A message box: an error (with its localized advice and technical detail) or a plain status. */
export function ErrorNotice({ error, children }: { error: unknown; children?: ComponentChildren }) {
  const detail = errorDetail(error);
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorText(error)}</p>
      {detail && <p class="detail">{detail}</p>}
      {children}
    </div>
  );
}
