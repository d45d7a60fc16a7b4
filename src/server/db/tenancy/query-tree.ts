import {
  AliasNode,
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  type JoinNode,
  ListNode,
  type OnNode,
  type OperationNode,
  OperatorNode,
  ParensNode,
  ReferenceNode,
  TableNode,
  ValueNode,
  type WhereNode,
} from 'kysely';
import { isTenantTable, TENANT_COLUMN, type TenantTable } from './tenant-tables.js';

/** A tenant table as a query names it: `table`, or `table as ref`. */
export interface TenantRef {
  table: TenantTable;
  /** The name the rest of the query uses for it: the alias, or the table name. */
  ref: string;
}

/** Tenant tables among a FROM/USING/UPDATE list; subqueries and raw items are scoped on their own. */
export function tenantRefs(items: ReadonlyArray<OperationNode> | undefined): TenantRef[] {
  const refs: TenantRef[] = [];
  for (const item of items ?? []) {
    if (ListNode.is(item)) {
      refs.push(...tenantRefs(item.items));
    } else if (TableNode.is(item)) {
      const name = item.table.identifier.name;
      if (isTenantTable(name)) refs.push({ table: name, ref: name });
    } else if (AliasNode.is(item) && TableNode.is(item.node)) {
      const name = item.node.table.identifier.name;
      const alias = (item.alias as { name?: string }).name;
      if (isTenantTable(name) && alias) refs.push({ table: name, ref: alias });
    }
  }
  return refs;
}

/** `ref.org_id = orgId`, bound as a parameter. */
export function orgPredicate(ref: string, orgId: string): BinaryOperationNode {
  return BinaryOperationNode.create(
    ReferenceNode.create(ColumnNode.create(TENANT_COLUMN), TableNode.create(ref)),
    OperatorNode.create('='),
    ValueNode.create(orgId),
  );
}

export function and(predicates: OperationNode[]): OperationNode | undefined {
  return predicates.reduce<OperationNode | undefined>(
    (acc, next) => (acc ? AndNode.create(acc, next) : next),
    undefined,
  );
}

/** The conjuncts of a WHERE or ON: only what every matching row must satisfy (never an OR branch). */
export function conjuncts(node: WhereNode | OnNode | undefined): OperationNode[] {
  const out: OperationNode[] = [];
  const walk = (n: OperationNode) => {
    if (AndNode.is(n)) {
      walk(n.left);
      walk(n.right);
    } else if (ParensNode.is(n)) {
      walk(n.node);
    } else {
      out.push(n);
    }
  };
  const root = node ? ('where' in node ? node.where : node.on) : undefined;
  if (root) walk(root);
  return out;
}

/**
 * Whether `predicates` pin `ref` to one organisation: a conjunct `ref.org_id = <value>`, or an
 * unqualified `org_id = <value>` when the query level names a single table.
 */
export function pinsOrganisation(predicates: OperationNode[], ref: string, single: boolean): boolean {
  return predicates.some((p) => {
    if (!BinaryOperationNode.is(p) || !OperatorNode.is(p.operator) || p.operator.operator !== '=')
      return false;
    const left = p.leftOperand;
    if (!ReferenceNode.is(left) || !ColumnNode.is(left.column)) return false;
    if (left.column.column.name !== TENANT_COLUMN) return false;
    if (!ValueNode.is(p.rightOperand)) return false;
    const table = left.table?.table.identifier.name;
    return table === ref || (table === undefined && single);
  });
}

/** The tables a join brings in, with the join itself (for its ON clause). */
export function joinRefs(
  joins: ReadonlyArray<JoinNode> | undefined,
): Array<{ join: JoinNode; ref: TenantRef }> {
  return (joins ?? []).flatMap((join) => tenantRefs([join.table]).map((ref) => ({ join, ref })));
}

/** Cross joins have no ON clause: their predicates go to WHERE. */
export function joinTakesOn(join: JoinNode): boolean {
  return join.joinType !== 'CrossJoin' && join.joinType !== 'LateralCrossJoin';
}
