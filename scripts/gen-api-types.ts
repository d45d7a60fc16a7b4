import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, renderApiTypes } from './lib/api-types.js';
import { ROUTE_TABLE_FILE, renderRouteTable } from './lib/route-table.js';

writeFileSync(API_TYPES_FILE, await renderApiTypes());
process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
writeFileSync(ROUTE_TABLE_FILE, await renderRouteTable());
process.stdout.write(`wrote ${ROUTE_TABLE_FILE}\n`);
