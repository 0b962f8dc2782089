import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/ui/i18n';

interface LazyOptions<P> {
  /** What the placeholder says (default: the message is loading). */
  loadingText?: () => string;
  /** Whether the props are ready to be shown; until then the placeholder stays, code loaded or not. */
  ready?: (props: P) => boolean;
}

/**
 * A component whose code runs the first time it is shown, so the popup's first paint does not wait for code
 * it may not need: in a module-built page the code is a chunk loaded then; in the popup's one classic script
 * it is already in the file and only its evaluation waits. Until then it says it is loading.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { loadingText = () => t('popupLoadingMessage'), ready = () => true }: LazyOptions<P> = {},
) {
  let loading: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [View, setView] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      let alive = true;
      loading ??= load();
      void loading.then((component) => alive && setView(() => component));
      return () => {
        alive = false;
      };
    }, []);
    if (!View || !ready(props)) {
      return (
        <p class="muted" role="status">
          {loadingText()}
        </p>
      );
    }
    return <View {...props} />;
  };
}
