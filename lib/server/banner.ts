import { DEMO_STAFF } from "@/lib/demo/data";

/**
 * What `npm start` tells the person at the terminal once it listens. Written to stderr, never
 * through the JSON logger: stdout carries only the JSON log lines (lib/logger.ts), which a log
 * collector keeps, and the demo passwords, printed here on purpose so the demo can be signed into,
 * must not reach it. The browser tests' secret scan (tests/e2e/global-teardown.ts) allows exactly
 * this text on stderr and nothing else with a secret in it.
 */
export function startupBanner(opts: { url: string; where: string; demo: boolean }): string {
  const lines = [`\nLogdesk is running at ${opts.url}  (${opts.where})`];
  if (opts.demo) {
    lines.push("\nDemo sign-in (one per role):", ...demoCredentialLines());
  }
  lines.push("\nPress Ctrl+C to stop.\n");
  return lines.join("\n") + "\n";
}

/** The banner's lines with the demo passwords, one per role (the secret scan allows these once each). */
export function demoCredentialLines(): string[] {
  return DEMO_STAFF.map((s) => `  ${s.role.padEnd(8)} ${s.email.padEnd(24)} ${s.password}`);
}
