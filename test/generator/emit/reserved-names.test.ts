// The reader refuses contract names that collide with the names generated code uses on its
// own, which reserved-names.ts lists. These tests read what the emitters really write, so a
// name an emitter starts to use without listing it there fails here.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readContract } from '../../../generator/contract/read-contract.js';
import { toIdentifier } from '../../../generator/emit/identifiers.js';
import {
  BUILT_IN_TYPES,
  CLIENT_MEMBERS,
  INVOKE_LOCALS,
  PACKAGE_IMPORTS,
  ROUTE_SCOPE_LOCALS,
} from '../../../generator/emit/reserved-names.js';
import { generate } from '../../../generator/generate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG = 'examples/users/config.json';
const CONTRACTS = [
  'examples/users/users.api.ts',
  'test/fixtures/generate/orders.api.ts',
  'test/fixtures/contracts/catalog/catalog.api.ts',
];

interface Package {
  readonly files: ReadonlyMap<string, ts.SourceFile>;
  /** The identifiers the contract's route parameters become. */
  readonly parameters: ReadonlySet<string>;
  readonly routes: ReadonlySet<string>;
}

const packages = new Map<string, Package>();

async function readPackage(contractPath: string): Promise<Package> {
  const known = packages.get(contractPath);
  if (known !== undefined) return known;

  const result = await generate({
    configPath: CONFIG,
    contractPath,
    outDir: '.tmp/reserved-names-never-written',
    check: true,
    cwd: ROOT,
  });
  const files = new Map(
    result.files.map((file) => [
      file.path,
      ts.createSourceFile(file.path, file.content, ts.ScriptTarget.Latest, true),
    ]),
  );
  const model = readContract({
    contractPath: `${ROOT}${contractPath}`,
    knownProfiles: ['default', 'highAvailability', 'fastFail'],
  });
  const parameters = new Set(
    model.routes.flatMap((route) => route.parameters.map((p) => toIdentifier(p.name))),
  );
  const found = { files, parameters, routes: new Set(model.routes.map((route) => route.name)) };
  packages.set(contractPath, found);

  return found;
}

function visit(node: ts.Node, see: (node: ts.Node) => void): void {
  see(node);
  ts.forEachChild(node, (child) => visit(child, see));
}

function listTopLevelNames(file: ts.SourceFile): string[] {
  return file.statements.flatMap((statement) => {
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.map((d) => d.name.getText(file));
    }
    const named = statement as ts.Node & { name?: ts.Identifier };

    return named.name === undefined ? [] : [named.name.text];
  });
}

function listImports(file: ts.SourceFile): { module: string; name: string }[] {
  return file.statements.filter(ts.isImportDeclaration).flatMap((declaration) => {
    const module = (declaration.moduleSpecifier as ts.StringLiteral).text;
    const bindings = declaration.importClause?.namedBindings;
    const elements = bindings !== undefined && ts.isNamedImports(bindings) ? bindings.elements : [];

    return elements.map((element) => ({ module, name: element.name.text }));
  });
}

for (const contract of CONTRACTS) {
  test(`${contract}: every package import of a generated file is one the list has`, async () => {
    const { files } = await readPackage(contract);
    for (const [path, file] of files) {
      const listed = (PACKAGE_IMPORTS[path as keyof typeof PACKAGE_IMPORTS] ?? []).flatMap(
        ({ moduleSpecifier, names }) =>
          names.map((name) => ({
            module: moduleSpecifier,
            name: typeof name === 'string' ? name : name.name,
          })),
      );
      const unlisted = listImports(file).filter(
        (imported) =>
          !imported.module.startsWith('.') &&
          !listed.some((item) => item.module === imported.module && item.name === imported.name),
      );

      assert.equal(unlisted, [], path);
    }
  });

  test(`${contract}: each type generated code names is its own, imported or built in`, async () => {
    const { files } = await readPackage(contract);
    const own = new Set(
      [...files.values()].flatMap((file) => [
        ...listTopLevelNames(file),
        ...listImports(file).map((imported) => imported.name),
      ]),
    );
    const outside = new Set<string>();
    for (const file of files.values()) {
      visit(file, (node) => {
        if (!ts.isTypeReferenceNode(node)) return;

        // `as const` parses as a reference to a type `const`.
        const name = node.typeName.getText(file);
        if (!own.has(name) && name !== 'const') outside.add(name);
      });
    }

    assert.equal(
      [...outside].filter((name) => !BUILT_IN_TYPES.includes(name)),
      [],
    );
  });

  test(`${contract}: the client has no member but its routes and the listed ones`, async () => {
    const { files, routes } = await readPackage(contract);
    const client = files.get('client.ts')!;
    const members = client.statements
      .filter(ts.isClassDeclaration)
      .flatMap((declaration) => declaration.members)
      .map((member) =>
        ts.isConstructorDeclaration(member) ? 'constructor' : (member.name?.getText(client) ?? ''),
      );

    assert.equal(
      members.filter((name) => !routes.has(name) && !CLIENT_MEMBERS.has(name)),
      [],
    );
  });

  test(`${contract}: each local name of a generated function is a route's or listed`, async () => {
    const { files, parameters } = await readPackage(contract);
    const unlisted = new Set<string>();
    for (const name of ['client.ts', 'server.ts']) {
      const file = files.get(name)!;
      visit(file, (node) => {
        const local =
          ts.isParameter(node) ||
          (ts.isVariableDeclaration(node) && !ts.isSourceFile(node.parent.parent.parent));
        if (!local) return;

        const text = (node as ts.ParameterDeclaration).name.getText(file);
        const known = parameters.has(text) || ROUTE_SCOPE_LOCALS.has(text);
        if (!known && !INVOKE_LOCALS.includes(text)) unlisted.add(`${name}: ${text}`);
      });
    }

    assert.equal([...unlisted], []);
  });
}

test.run();
