import {
  ColumnNode,
  type ColumnUpdateNode,
  type DeleteQueryNode,
  type InsertQueryNode,
  JoinNode,
  type KyselyPlugin,
  OnConflictNode,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryId,
  QueryNode,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
} from 'kysely';
import { and, joinRefs, joinTakesOn, orgPredicate, type TenantRef, tenantRefs } from './query-tree.js';
import { isTenantTable, TENANT_COLUMN } from './tenant-tables.js';

/** A query that would cross the tenant boundary: a defect in our code, never a user error. */
export class TenantScopeViolation extends Error {
  override readonly name = 'TenantScopeViolation';
}

/**
 * Rewrites every query of a scoped handle so it can only see and write one organisation's rows:
 * `org_id = :orgId` on each tenant table in FROM, JOIN (in its ON, so outer joins stay outer),
 * UPDATE, DELETE … USING and ON CONFLICT DO UPDATE, at every nesting level; and `org_id` stamped on
 * every INSERT (an explicit different value is refused). Repositories therefore cannot forget it.
 */
export class TenantScopePlugin implements KyselyPlugin {
  readonly #transformer: ScopeTransformer;

  constructor(readonly orgId: string) {
    this.#transformer = new ScopeTransformer(orgId);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class ScopeTransformer extends OperationNodeTransformer {
  constructor(private readonly orgId: string) {
    super();
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId): SelectQueryNode {
    const out = super.transformSelectQuery(node, queryId);
    return this.scope(out, tenantRefs(out.from?.froms));
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: QueryId): UpdateQueryNode {
    const out = super.transformUpdateQuery(node, queryId);
    refuseOrgUpdates(out.updates);
    const refs = [...tenantRefs(out.table ? [out.table] : []), ...tenantRefs(out.from?.froms)];
    return this.scope(out, refs);
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: QueryId): DeleteQueryNode {
    const out = super.transformDeleteQuery(node, queryId);
    return this.scope(out, [...tenantRefs(out.from.froms), ...tenantRefs(out.using?.tables)]);
  }

  protected override transformInsertQuery(node: InsertQueryNode, queryId?: QueryId): InsertQueryNode {
    const out = super.transformInsertQuery(node, queryId);
    const table = out.into?.table.identifier.name;
    if (!table || !isTenantTable(table)) return out;
    let onConflict = out.onConflict;
    if (onConflict?.updates) {
      refuseOrgUpdates(onConflict.updates);
      // The conflicting row may belong to anyone: only update it when it is ours.
      onConflict = OnConflictNode.cloneWithUpdateWhere(onConflict, orgPredicate(table, this.orgId));
    }
    return { ...out, ...this.stamp(out, table), onConflict } as InsertQueryNode;
  }

  /** WHERE for the query's own tables and cross joins; ON for every other join. */
  private scope<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(
    node: T,
    refs: TenantRef[],
  ): T {
    const where = refs.map(({ ref }) => orgPredicate(ref, this.orgId));
    const joins = node.joins?.map((join) => {
      const own = joinRefs([join]).map(({ ref }) => orgPredicate(ref.ref, this.orgId));
      if (own.length === 0) return join;
      if (!joinTakesOn(join)) {
        where.push(...own);
        return join;
      }
      return JoinNode.cloneWithOn(join, and(own)!);
    });
    const withJoins = joins ? ({ ...node, joins } as T) : node;
    const predicate = and(where);
    return predicate ? (QueryNode.cloneWithWhere(withJoins, predicate) as T) : withJoins;
  }

  private stamp(node: InsertQueryNode, table: string): Pick<InsertQueryNode, 'columns' | 'values'> {
    const columns = node.columns ?? [];
    const index = columns.findIndex((c) => c.column.name === TENANT_COLUMN);
    const values = node.values;
    if (!values || !ValuesNode.is(values)) {
      // INSERT … SELECT: the SELECT is scoped by this same transformer; it must supply org_id.
      if (index < 0) throw new TenantScopeViolation(`INSERT INTO ${table} … SELECT without ${TENANT_COLUMN}`);
      return { columns, values };
    }
    if (index >= 0) {
      for (const row of values.values) {
        const value = PrimitiveValueListNode.is(row)
          ? row.values[index]
          : ValueNode.is(row.values[index]!)
            ? (row.values[index] as ValueNode).value
            : undefined;
        if (value !== this.orgId)
          throw new TenantScopeViolation(`INSERT INTO ${table} for another organisation`);
      }
      return { columns, values };
    }
    return {
      columns: [...columns, ColumnNode.create(TENANT_COLUMN)],
      values: ValuesNode.create(
        values.values.map((row) =>
          PrimitiveValueListNode.is(row)
            ? PrimitiveValueListNode.create([...row.values, this.orgId])
            : ValueListNode.create([...row.values, ValueNode.create(this.orgId)]),
        ),
      ),
    };
  }
}

function refuseOrgUpdates(updates: ReadonlyArray<ColumnUpdateNode> | undefined): void {
  for (const update of updates ?? []) {
    if (ColumnNode.is(update.column) && update.column.column.name === TENANT_COLUMN)
      throw new TenantScopeViolation(`a scoped query may not change ${TENANT_COLUMN}`);
  }
}
