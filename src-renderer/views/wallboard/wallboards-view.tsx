/** Wallboards. */
export function WallboardsView() {
  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" className="view__title">
        Wallboards
      </h1>
    </section>
  );
}
