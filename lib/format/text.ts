/**
 * A one-line preview of free text for list columns: runs of white space (line breaks included)
 * become one space, and text longer than `max` characters is cut at the last word boundary that
 * fits, ending in "…". The list shows the whole text in the cell's title.
 */
export function previewText(text: string | null | undefined, max = 120): string {
  const line = (text ?? "").replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space >= max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, "")}…`;
}
