import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

/**
 * Every request and response shape is defined once, in src/api/contract: the routes validate with
 * it, the services check raw input with it, and the web imports its types. These checks fail when a
 * shape is defined a second time somewhere else, where it could drift from the contract unnoticed.
 */
const root = resolve(import.meta.dirname, '../..');
const files = (folder: string, pattern: RegExp): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name) && !name.endsWith('.test.ts'))
    .map((name) => join(root, folder, name));
const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const where = (file: string) => relative(root, file);

function contractNames(): Set<string> {
  const names = new Set<string>();
  for (const file of files('src/api/contract', /\.ts$/)) {
    for (const statement of parse(file).statements) {
      const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isVariableStatement(statement)) statement.declarationList.declarations.forEach((d) => names.add(d.name.getText()));
      else if ((ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) && statement.name) names.add(statement.name.text);
    }
  }
  return names;
}

describe('one contract for requests and responses', () => {
  test('the web declares no type of its own under a name the contract defines', () => {
    const contract = contractNames();
    expect(contract.size).toBeGreaterThan(50);
    const copies: string[] = [];
    for (const file of files('src/web', /\.tsx?$/)) {
      const visit = (node: ts.Node): void => {
        if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && contract.has(node.name.text)) copies.push(`${where(file)}: ${node.name.text}`);
        ts.forEachChild(node, visit);
      };
      visit(parse(file));
    }
    expect(copies).toEqual([]);
  });

  test('the web takes nothing from the server but types, so no zod and no server code is bundled', () => {
    const web = join(root, 'src/web');
    const valueImports: string[] = [];
    for (const file of files('src/web', /\.tsx?$/)) {
      for (const statement of parse(file).statements) {
        if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
        const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
        const leavesWeb = specifier === 'zod' || (specifier.startsWith('.') && relative(web, resolve(dirname(file), specifier)).startsWith('..'));
        const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
        if (leavesWeb && !typeOnly) valueImports.push(`${where(file)}: ${specifier}`);
      }
    }
    expect(valueImports).toEqual([]);
  });

  test('services and accounts define no request schema: they validate with the contract schemas', async () => {
    const schemas: string[] = [];
    for (const file of [...files('src/services', /\.ts$/), ...files('src/accounts', /\.ts$/)]) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) if (value instanceof z.ZodType) schemas.push(`${where(file)}: ${name}`);
    }
    expect(schemas).toEqual([]);
  });

  test('the contract is a leaf (zod and the core only), which is what lets services import it', () => {
    const contract = join(root, 'src/api/contract');
    const outside: string[] = [];
    for (const file of files('src/api/contract', /\.ts$/)) {
      for (const statement of parse(file).statements) {
        if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
        const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
        const target = resolve(dirname(file), specifier);
        const allowed = specifier === 'zod' || (specifier.startsWith('.') && (dirname(target) === contract || !relative(join(root, 'src/core'), target).startsWith('..')));
        if (!allowed) outside.push(`${where(file)}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });

  test('routes build no schema inline: body, querystring, params and response come from the contract', () => {
    const inline: string[] = [];
    for (const file of files('src/api/routes', /\.ts$/)) {
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAssignment(node) && node.name.getText() === 'schema') {
          node.initializer.forEachChild(function find(child: ts.Node): void {
            if (ts.isPropertyAccessExpression(child) && child.expression.getText() === 'z') inline.push(`${where(file)}: ${child.parent.getText().slice(0, 60)}`);
            else child.forEachChild(find);
          });
        }
        ts.forEachChild(node, visit);
      };
      visit(parse(file));
    }
    expect(inline).toEqual([]);
  });
});
