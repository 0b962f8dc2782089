import { t } from '../lib/ui/i18n';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { lazyComponent } from './lazy';
import type { SearchResultsProps } from './SearchResults';

/** The popup's id for its search field: `/` focuses it (components/PopupKeys.tsx). */
export const SEARCH_INPUT_ID = 'popup-search';

/** Moves focus to the first result (ArrowDown from the search field). */
function focusFirstResult(): boolean {
  const first = document.querySelector<HTMLElement>('.search-results .list-item');
  first?.focus();
  return first !== null;
}

/** One search field for addresses (address, label, site) and mail (sender, subject, code). */
export function SearchBox({ popup }: { popup: PopupModel }) {
  const search = popup.search;
  return (
    <div class="search-box" role="search">
      <input
        type="search"
        id={SEARCH_INPUT_ID}
        class="search"
        aria-label={t('popupSearch')}
        aria-keyshortcuts="/"
        placeholder={t('popupSearch')}
        autocomplete="off"
        value={search.query.value}
        onFocus={() => void search.prepare()}
        onInput={(e) => search.setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search.query.value !== '') {
            e.preventDefault();
            search.clear();
          } else if (e.key === 'ArrowDown' && search.active.value && focusFirstResult()) {
            e.preventDefault();
          }
        }}
      />
    </div>
  );
}

/**
 * The results view, run with the first search (like the search code itself), not with the popup (see ./lazy).
 * It says "Searching…" until its code has run and the first results are in.
 */
export const LazySearchResults = lazyComponent<SearchResultsProps>(
  () => import('./SearchResults').then((m) => m.SearchResults),
  { loadingText: () => t('popupSearching'), ready: (props) => Boolean(props.popup.search.results.value) },
);
