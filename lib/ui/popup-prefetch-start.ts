import { startPopupPrefetch } from './models/storage-prefetch';

/**
 * The first import of entrypoints/popup-app.tsx. The popup's script is one bundle whose modules run in
 * import order, so this body runs before the rest of the popup is evaluated: the first paint's storage reads
 * go out now and travel while the components load (BENCHMARKS.md, "Popup speed").
 */
startPopupPrefetch();
