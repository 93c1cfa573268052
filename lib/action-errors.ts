import type { z } from "zod";

/** zod issues as { field: [messages] } for inline display beside each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Field errors of a nested input (e.g. `draft.summary` from `{ id, draft }`)
 * keyed by the form's own field names (`summary`), so each lands beside its field.
 * Keys outside `prefix` are kept as they are.
 */
export function fieldErrorsUnder(errors: Record<string, string[]> | undefined, prefix: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const name = key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key;
    (out[name] ??= []).push(...messages);
  }
  return out;
}

/** Whether an error key belongs to the field `name` (`resources.0.path` belongs to `resources`). */
export function errorKeyMatches(key: string, name: string): boolean {
  return key === name || key.startsWith(`${name}.`);
}

/** The messages of one field, nested keys included. */
export function errorsOfField(errors: Record<string, string[]> | undefined, name: string): string[] {
  return Object.entries(errors ?? {}).filter(([key]) => errorKeyMatches(key, name)).flatMap(([, messages]) => messages);
}

export interface SummaryEntry {
  /** The field's name, as the server keys its errors. */
  name: string;
  /** What the person sees, the field's label. */
  label: string;
  /** The id of the control to focus (the link's target). */
  id: string;
}

export interface SummaryItem {
  message: string;
  label?: string;
  id?: string;
}

/**
 * The error summary of a form, in the form's order: one item per invalid field
 * (named and linked), then the errors no field on the form shows, so none is lost.
 */
export function summarizeFieldErrors(errors: Record<string, string[]> | undefined, fields: readonly SummaryEntry[]): SummaryItem[] {
  const items: SummaryItem[] = [];
  const used = new Set<string>();
  for (const f of fields) {
    const keys = Object.keys(errors ?? {}).filter((k) => errorKeyMatches(k, f.name));
    const messages = keys.flatMap((k) => errors![k]).filter(Boolean);
    keys.forEach((k) => used.add(k));
    if (messages.length) items.push({ message: messages[0], label: f.label, id: f.id });
  }
  for (const [key, messages] of Object.entries(errors ?? {})) {
    if (!used.has(key) && messages[0]) items.push({ message: messages[0] });
  }
  return items;
}
