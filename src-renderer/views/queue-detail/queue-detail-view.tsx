/** Queue detail. */
import type { Route } from '../../shell/router.js';

export function QueueDetailView({ route }: { readonly route: Extract<Route, { view: 'queue' }> }) {
  return (
    <section className="view" aria-labelledby="view-title" data-route={JSON.stringify(route)}>
      <h1 id="view-title" className="view__title">
        Queue detail
      </h1>
    </section>
  );
}
