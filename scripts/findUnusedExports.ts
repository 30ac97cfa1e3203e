/**
 * Every export of a project's TypeScript that no other file imports: the programs of the given
 * tsconfigs are read with the TypeScript compiler, and an import of a name, a re-export,
 * `export *`, a namespace import, `import type`, `typeof import()` and a dynamic `import()` all
 * count as uses. The names a tool outside the project calls (k6's `default`, `options`, `setup`,
 * `teardown`, `handleSummary` in load/k6/) are allowed.
 */
import { dirname, relative } from 'node:path';
import ts from 'typescript';

/** Names a tool outside the project calls, by the folder of the file that exports them. */
const calledByTools: Record<string, ReadonlySet<string>> = {
  'load/k6/': new Set(['default', 'options', 'setup', 'teardown', 'handleSummary']),
};

function program(configPath: string): ts.Program {
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

const own = (file: ts.SourceFile) => !file.fileName.includes('/node_modules/') && !file.isDeclarationFile;

/** `file → names used by other files` ('*' when every name is). */
function usesIn(programs: ts.Program[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const use = (target: string | undefined, name: string) => {
    if (!target) return;
    if (!used.has(target)) used.set(target, new Set());
    used.get(target)!.add(name);
  };
  for (const prog of programs) {
    const options = prog.getCompilerOptions();
    const resolveFrom = (file: ts.SourceFile, specifier: string) =>
      ts.resolveModuleName(specifier, file.fileName, options, ts.sys).resolvedModule?.resolvedFileName;
    for (const file of prog.getSourceFiles().filter(own)) {
      const visit = (node: ts.Node): void => {
        if (
          (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
          node.moduleSpecifier &&
          ts.isStringLiteral(node.moduleSpecifier)
        ) {
          const target = resolveFrom(file, node.moduleSpecifier.text);
          if (ts.isImportDeclaration(node)) {
            const clause = node.importClause;
            if (clause?.name) use(target, 'default');
            const bindings = clause?.namedBindings;
            if (bindings && ts.isNamespaceImport(bindings)) use(target, '*');
            if (bindings && ts.isNamedImports(bindings))
              for (const element of bindings.elements)
                use(target, (element.propertyName ?? element.name).text);
          } else if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) use(target, '*');
          else
            for (const element of node.exportClause.elements)
              use(target, (element.propertyName ?? element.name).text);
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          const [argument] = node.arguments;
          if (argument && ts.isStringLiteralLike(argument)) use(resolveFrom(file, argument.text), '*');
        }
        if (
          ts.isImportTypeNode(node) &&
          ts.isLiteralTypeNode(node.argument) &&
          ts.isStringLiteral(node.argument.literal)
        )
          use(
            resolveFrom(file, node.argument.literal.text),
            node.qualifier ? (ts.isIdentifier(node.qualifier) ? node.qualifier.text : '*') : '*',
          );
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return used;
}

/** `path:line name` of every export of the programs' own files that no file of them imports, sorted. */
export function unusedExports(root: string, configs: readonly string[]): string[] {
  const programs = configs.map(program);
  const used = usesIn(programs);
  const found = new Set<string>();
  for (const prog of programs) {
    const checker = prog.getTypeChecker();
    for (const file of prog.getSourceFiles().filter(own)) {
      const moduleSymbol = checker.getSymbolAtLocation(file);
      if (!moduleSymbol) continue;
      const names = used.get(file.fileName) ?? new Set<string>();
      if (names.has('*')) continue;
      const path = relative(root, file.fileName);
      const allowed = Object.entries(calledByTools).find(([folder]) => path.startsWith(folder))?.[1];
      for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
        const name = symbol.getName();
        if (names.has(name) || allowed?.has(name)) continue;
        // A re-export's line is its `export { … } from` in this file; a declaration's, its own.
        const declaration = symbol.declarations?.find((d) => d.getSourceFile() === file);
        const line = declaration ? file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1 : 1;
        found.add(`${path}:${line} ${name}`);
      }
    }
  }
  return [...found].sort();
}
