/** Each part of a page's sync hands back how to undo what it set up. */
export type Dispose = () => void

/** Collects the parts' cleanups and runs them once, newest first. */
export function disposer(): { add: (d: Dispose) => void; dispose: Dispose } {
  const list: Dispose[] = []
  return {
    add: (d) => void list.push(d),
    dispose() {
      for (const d of list.splice(0).reverse()) d()
    },
  }
}
