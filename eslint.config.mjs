// ESLint: Next's rules (core web vitals, React, hooks, jsx-a11y, import) with typescript-eslint's
// recommended set, and one rule of this codebase's layout. `npm run lint`; part of `npm test`.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const nextLink = { name: "next/link", message: "Import Link from @/components/ui/app-link (next/link without the prefetch that costs the server a request per link)." };

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "generated/**", "tmp/**", "data/**", "coverage/**", "bench/out/**", "test-results/**", "playwright-report/**", "blob-report/**", "next-env.d.ts"]),
  {
    rules: {
      // Unused on purpose: `_`-prefixed names (a field left out of a rest copy, an unused argument).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Pages and layouts are server components, rendered once per request: reading the clock there is not impure.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Tests have no React hooks: Playwright fixtures call `use`, and `useTestDatabase` is a vitest helper.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Links go through components/ui/app-link.tsx, which turns off next/link's prefetch: every portal page is
    // rendered per request, so a prefetch costs the server a request and brings the browser nothing.
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { paths: [nextLink] }] },
  },
  {
    // components/ and lib/ never import app/ (pages, route handlers, server actions): actions reach components as props.
    files: ["components/**", "lib/**"],
    ignores: ["components/ui/app-link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [nextLink],
          patterns: [{ regex: "^(?:@/app|(?:\\.\\./)+app)(?:/|$)", message: "components/ and lib/ must not import from app/: pass server actions to components as props." }],
        },
      ],
    },
  },
]);
