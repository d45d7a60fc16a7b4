import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CatalogFileError } from '../../modules/catalog/catalog.service.js';
import type { CatalogDocument } from '../../modules/catalog/catalog-document.js';
import { toOscalCatalog } from '../../modules/catalog/oscal-catalog.js';
import { AppError } from '../../platform/errors.js';
import { withCliContext, withReadOnlyCliContext, writeOutput } from '../context.js';
import { CliError } from '../errors.js';

function printTree(document: CatalogDocument, lang: 'zh-TW' | 'en') {
  const lines: string[] = [`${document.title[lang]} (${document.id}@${document.version})`];
  for (const chapter of document.chapters) {
    lines.push(
      '',
      `${lang === 'en' ? `Chapter ${chapter.number}` : `第${chapter.number}章`} ${chapter.title[lang]}`,
    );
    for (const article of chapter.articles) {
      lines.push(
        `  ${lang === 'en' ? `Art. ${article.number}` : `第${article.number}條`} ${article.title[lang]}`,
      );
      if (article.text) lines.push(`    ${article.text[lang]}`);
      for (const clause of article.clauses) {
        lines.push(`    ${clause.number}. ${clause.text[lang]}`);
        for (const sub of clause.subItems) lines.push(`      (${sub.number}) ${sub.text[lang]}`);
      }
    }
  }
  lines.push('', lang === 'en' ? 'Checklist' : '自評檢核表');
  for (const item of document.checklist) {
    const derived = item.provenance === 'derived' ? (lang === 'en' ? ' [derived]' : '［衍生］') : '';
    lines.push(
      `  ${item.number}. ${item.question[lang].replace(/\n/g, ' ')}${derived} → ${item.references.join(', ')}`,
    );
  }
  return lines.join('\n');
}

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('guideline catalogs: list, show, import, export');

  catalog
    .command('list')
    .description('list the loaded catalogs and versions')
    .action(() =>
      withReadOnlyCliContext(async ({ services }) => {
        const rows = await services.catalogs.list();
        for (const row of rows) {
          process.stdout.write(
            `${row.id}  ${row.urn}@${row.version}  ${row.item_count} items  ${row.origin}  ${row.title_zh}\n`,
          );
        }
      }),
    );

  catalog
    .command('show <id>')
    .description('print a catalog (id or urn@version) as text')
    .option('--lang <lang>', 'zh-TW or en', 'zh-TW')
    .action((id: string, options: { lang: string }) =>
      withReadOnlyCliContext(async ({ services }) => {
        if (options.lang !== 'zh-TW' && options.lang !== 'en')
          throw new CliError('--lang must be zh-TW or en');
        const { document } = await services.catalogs.get(id).catch(notFound(id));
        process.stdout.write(`${printTree(document, options.lang)}\n`);
      }),
    );

  catalog
    .command('import <file>')
    .description('validate and load a catalog file (JSON); a file with any problem changes nothing')
    .action((file: string) =>
      withCliContext(async ({ services }) => {
        const text = await readFile(file, 'utf8').catch(() => {
          throw new CliError(`cannot read ${file}`);
        });
        try {
          const result = await services.catalogs.importText(text, file);
          const verb = result.outcome === 'created' ? 'Imported' : 'Already loaded (unchanged):';
          process.stdout.write(`${verb} ${result.document.id}@${result.document.version} as ${result.id}\n`);
        } catch (error) {
          if (error instanceof CatalogFileError) {
            throw new CliError(
              `${file} is not a valid catalog:\n${error.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
            );
          }
          if (error instanceof AppError && error.code === 'CATALOG_VERSION_CONFLICT') {
            throw new CliError(
              `${file}: this id and version are already loaded with different content; use a new version`,
            );
          }
          throw error;
        }
      }),
    );

  catalog
    .command('export <id>')
    .description('export a catalog as OSCAL (NIST 1.0.6 catalog model) or as Jianhe JSON')
    .requiredOption('--format <format>', 'oscal or json')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((id: string, options: { format: string; output?: string }) =>
      withReadOnlyCliContext(async ({ services }) => {
        const { document } = await services.catalogs.get(id).catch(notFound(id));
        if (options.format === 'oscal')
          await writeOutput(JSON.stringify(toOscalCatalog(document), null, 2), options.output);
        else if (options.format === 'json')
          await writeOutput(JSON.stringify(document, null, 2), options.output);
        else throw new CliError('--format must be oscal or json');
      }),
    );
}

function notFound(id: string) {
  return (error: unknown): never => {
    if (error instanceof AppError && error.code === 'CATALOG_NOT_FOUND')
      throw new CliError(`no catalog ${id} (see jianhe catalog list)`);
    throw error;
  };
}
