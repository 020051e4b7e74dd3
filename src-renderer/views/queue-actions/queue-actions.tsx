/** The supervisor actions a queue offers (mitigation, bulk actions, overflow rules), shown on its detail page. */
export function QueueActions({ queueId }: { readonly queueId: string }) {
  return <div className="queue-actions" data-queue-id={queueId} />;
}
