/** The users directory of Management (docs/product.md §6): everyone the feed knows, for roles with `admin.users`. */

/** Stands in until the directory view is built: the route and the navigation already lead here. */
export function UsersView() {
  return (
    <section className="live-admin view" aria-labelledby="view-title" data-testid="users">
      <header className="view__header">
        <h1 id="view-title" className="view__title">
          Management · Users
        </h1>
      </header>
      <p className="empty-note">The users directory is not available in this version.</p>
    </section>
  );
}
