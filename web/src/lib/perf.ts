// markReady records when a screen first shows what it is for (its results,
// its matrix...): the browser tests read the "ready:<screen>" mark with the
// Performance API as the screen's time to first meaningful paint.
export function markReady(screen: string) {
  const name = `ready:${screen}`;
  if (performance.getEntriesByName(name).length === 0) {
    // After the next paint, not when the data arrived.
    requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
  }
}
