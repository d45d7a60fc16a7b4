import type { Kysely } from 'kysely';

const text = 'text' as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('catalog_id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('owner_user_id', text)
    .addColumn('due_date', text)
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('previous_revision_id', text, (c) => c.references('assessment.id'))
    .addColumn('carried_from_id', text, (c) => c.references('assessment.id'))
    .addColumn('scoping', text)
    .addColumn('fingerprint', text)
    .addColumn('fingerprint_algorithm', text)
    .addColumn('approved_by', text)
    .addColumn('approved_at', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_org_created')
    .on('assessment')
    .columns(['org_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('assessment_item')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('assessment_id', text, (c) => c.notNull().references('assessment.id').onDelete('cascade'))
    .addColumn('item_id', text, (c) => c.notNull())
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('chapter', 'integer', (c) => c.notNull())
    .addColumn('role', text)
    .addColumn('tags', text, (c) => c.notNull())
    .addColumn('question_zh', text, (c) => c.notNull())
    .addColumn('question_en', text, (c) => c.notNull())
    .addColumn('provenance', text, (c) => c.notNull())
    .addColumn('item_references', text, (c) => c.notNull())
    .addColumn('scoped_applicable', 'integer', (c) => c.notNull())
    .addColumn('na_clause', text)
    .addColumn('na_reason_zh', text)
    .addColumn('na_reason_en', text)
    .addColumn('override_applicable', 'integer', (c) => c.notNull())
    .addColumn('override_reason', text, (c) => c.notNull())
    .addColumn('applicable', 'integer', (c) => c.notNull())
    .addColumn('result', text, (c) => c.notNull())
    .addColumn('explanation', text, (c) => c.notNull())
    .addColumn('compensating_control', text, (c) => c.notNull())
    .addColumn('assignee_user_id', text)
    .addColumn('due_date', text)
    .addColumn('needs_reconfirmation', 'integer', (c) => c.notNull())
    .addColumn('review_status', text, (c) => c.notNull())
    .addColumn('reviewed_by', text)
    .addColumn('reviewed_at', text)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('assessment_item_unique', ['assessment_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('assessment_item_by_assessment')
    .on('assessment_item')
    .columns(['assessment_id', 'item_number'])
    .execute();

  await db.schema
    .createTable('assessment_item_change')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('assessment_item_id', text, (c) =>
      c.notNull().references('assessment_item.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_by', text, (c) => c.notNull())
    .addColumn('changed_at', text, (c) => c.notNull())
    .addColumn('changes', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_item_change_by_item')
    .on('assessment_item_change')
    .columns(['assessment_item_id', 'version'])
    .execute();

  await db.schema
    .createTable('assessment_item_comment')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('assessment_item_id', text, (c) =>
      c.notNull().references('assessment_item.id').onDelete('cascade'),
    )
    .addColumn('author_user_id', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_item_comment_by_item')
    .on('assessment_item_comment')
    .columns(['assessment_item_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('assessment_event')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('assessment_id', text, (c) => c.notNull().references('assessment.id').onDelete('cascade'))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('actor_user_id', text, (c) => c.notNull())
    .addColumn('comment', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assessment_event_by_assessment')
    .on('assessment_event')
    .columns(['assessment_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('sha256', text)
    .addColumn('size_bytes', 'bigint')
    .addColumn('mime_type', text)
    .addColumn('original_filename', text)
    .addColumn('url', text)
    .addColumn('note', text)
    .addColumn('valid_until', text)
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('source_ref', text)
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_org_created')
    .on('evidence')
    .columns(['org_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('assessment_item_evidence')
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('assessment_item_id', text, (c) =>
      c.notNull().references('assessment_item.id').onDelete('cascade'),
    )
    .addColumn('evidence_id', text, (c) => c.notNull().references('evidence.id'))
    .addColumn('attached_by', text, (c) => c.notNull())
    .addColumn('attached_at', text, (c) => c.notNull())
    .addColumn('needs_reconfirmation', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_item_evidence_pk', ['assessment_item_id', 'evidence_id'])
    .execute();
  await db.schema
    .createIndex('assessment_item_evidence_by_evidence')
    .on('assessment_item_evidence')
    .column('evidence_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'assessment_item_evidence',
    'evidence',
    'assessment_event',
    'assessment_item_comment',
    'assessment_item_change',
    'assessment_item',
    'assessment',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
