/** Audit log. */
export function AuditView() {
  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title" className="view__title">
        Audit log
      </h1>
    </section>
  );
}
