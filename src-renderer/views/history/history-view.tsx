/** Conversations. */
import type { Route } from '../../shell/router.js';

export function HistoryView({ route }: { readonly route: Extract<Route, { view: 'history' }> }) {
  return (
    <section className="view" aria-labelledby="view-title" data-route={JSON.stringify(route)}>
      <h1 id="view-title" className="view__title">
        Conversations
      </h1>
    </section>
  );
}
