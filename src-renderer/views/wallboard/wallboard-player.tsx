/** Wallboard. */
import type { Route } from '../../shell/router.js';

export function WallboardPlayer({ route }: { readonly route: Extract<Route, { view: 'wallboard' }> }) {
  return (
    <section className="view" aria-labelledby="view-title" data-route={JSON.stringify(route)}>
      <h1 id="view-title" className="view__title">
        Wallboard
      </h1>
    </section>
  );
}
