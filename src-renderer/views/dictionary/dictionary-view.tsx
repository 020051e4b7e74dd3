/** Data dictionary. */
import type { Route } from '../../shell/router.js';

export function DictionaryView({ route }: { readonly route: Extract<Route, { view: 'dictionary' }> }) {
  return (
    <section className="view" aria-labelledby="view-title" data-route={JSON.stringify(route)}>
      <h1 id="view-title" className="view__title">
        Data dictionary
      </h1>
    </section>
  );
}
