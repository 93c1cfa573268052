const BATCH = 500;

type CursorArgs<W, O> = { where: W; orderBy: O; take: number; cursor?: { id: string }; skip?: number };

/**
 * Every row `where` matches in the order `orderBy` gives (which must end with `id` so it is total),
 * read in batches with Prisma's cursor (the last row of a batch starts the next): for the streamed
 * CSV exports of tables keyed by uuid (cases). Rows added or removed while it runs are seen or not,
 * never twice.
 */
export async function* cursorBatches<W, O, R extends { id: string }>(find: (args: CursorArgs<W, O>) => Promise<R[]>, where: W, orderBy: O, batch = BATCH): AsyncGenerator<R[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await find({ where, orderBy, take: batch, ...(after ? { cursor: { id: after }, skip: 1 } : {}) });
    if (rows.length) yield rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}
