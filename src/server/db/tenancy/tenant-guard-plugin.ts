import {
  ColumnNode,
  DeleteQueryNode,
  InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  SelectQueryNode,
  type UnknownRow,
  UpdateQueryNode,
} from 'kysely';
import { conjuncts, joinRefs, pinsOrganisation, type TenantRef, tenantRefs } from './query-tree.js';
import { TenantScopeViolation } from './tenant-scope-plugin.js';
import { isTenantTable, TENANT_COLUMN } from './tenant-tables.js';

/** Queries issued through {@link crossTenant} handles: deliberate, reviewed, and exempt from the guard. */
const crossTenantQueries = new WeakSet<QueryId>();

/** Marks every query of a handle as deliberately crossing organisations (see `crossTenant`). */
export class CrossTenantPlugin implements KyselyPlugin {
  constructor(readonly reason: string) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    crossTenantQueries.add(args.queryId);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * The tripwire, on in the whole test suite (`JIANHE_TENANT_GUARD=1`): it runs after every other plugin
 * and fails any query that touches a tenant table without pinning each reference to one organisation
 * (`org_id = ?` among the AND-ed conditions of its WHERE or JOIN … ON), or inserts into one without
 * `org_id`. Only queries marked by {@link CrossTenantPlugin} pass unchecked.
 */
export class TenantGuardPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!crossTenantQueries.has(args.queryId)) checkTree(args.node);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function checkTree(node: OperationNode): void {
  checkQuery(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) checkTree(item);
    } else if (isNode(value)) {
      checkTree(value);
    }
  }
}

function isNode(value: unknown): value is OperationNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}

function checkQuery(node: OperationNode): void {
  if (SelectQueryNode.is(node)) {
    checkLevel('SELECT', node, tenantRefs(node.from?.froms));
  } else if (UpdateQueryNode.is(node)) {
    checkLevel('UPDATE', node, [
      ...tenantRefs(node.table ? [node.table] : []),
      ...tenantRefs(node.from?.froms),
    ]);
  } else if (DeleteQueryNode.is(node)) {
    checkLevel('DELETE', node, [...tenantRefs(node.from.froms), ...tenantRefs(node.using?.tables)]);
  } else if (InsertQueryNode.is(node)) {
    const table = node.into?.table.identifier.name;
    if (
      table &&
      isTenantTable(table) &&
      !node.columns?.some((c) => ColumnNode.is(c) && c.column.name === TENANT_COLUMN)
    )
      throw new TenantScopeViolation(`INSERT INTO ${table} without ${TENANT_COLUMN}`);
  }
}

function checkLevel(
  verb: string,
  node: SelectQueryNode | UpdateQueryNode | DeleteQueryNode,
  refs: TenantRef[],
): void {
  const joined = joinRefs(node.joins);
  const single = refs.length + (node.joins?.length ?? 0) === 1;
  const where = conjuncts(node.where);
  for (const { table, ref } of refs) {
    if (!pinsOrganisation(where, ref, single))
      throw new TenantScopeViolation(`${verb} on ${table} (${ref}) without ${TENANT_COLUMN}`);
  }
  for (const { join, ref } of joined) {
    if (!pinsOrganisation([...conjuncts(join.on), ...where], ref.ref, false))
      throw new TenantScopeViolation(`${verb} joins ${ref.table} (${ref.ref}) without ${TENANT_COLUMN}`);
  }
}
