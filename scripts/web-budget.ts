// Prints each route's first-load JavaScript from the built web app (dist/web) as the Markdown table kept in
// docs/benchmarks.md, and exits 1 when a route is over its budget (src/web/budgets.json).
// Usage: npm run build:web && npx tsx scripts/web-budget.ts
import path from 'node:path';
import { budgetViolations, formatSizeTable, measureRoutes, readBudgets } from './lib/web-assets.js';

const webDir = path.resolve(import.meta.dirname, '../dist/web');
const sizes = measureRoutes(webDir, readBudgets());
process.stdout.write(`${formatSizeTable(sizes)}\n`);
const violations = budgetViolations(sizes);
for (const line of violations) process.stderr.write(`over budget: ${line}\n`);
process.exitCode = violations.length > 0 ? 1 : 0;
