// The shape of a capability (README "Architecture", docs/operations.md "The HTTP kit"): an API
// function's handler file holds only its route table — each declared route bound to one use-case
// call and its HTTP result — and the kit (shared/http/api.ts) does the rest. Wiring to the
// platform's adapters lives in the capability's deps.ts, logic in its use cases and domain.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { platform } from '../shared/platform';

const ROOT = resolve(__dirname, '..');
const apiFunctions = platform.functions.filter((f) => platform.routes.some((r) => r.fn === f.name));

/** The most statements one route's implementation may hold: call the use case, shape the result. */
const MAX_STATEMENTS_PER_ROUTE = 2;

interface HandlerShape {
  /** Route ids bound with implement(routes.<id>, …). */
  implemented: string[];
  /** Top-level statements that are not imports or constant declarations. */
  otherStatements: string[];
  /** Functions declared at the top level other than the handler factory. */
  topLevelFunctions: string[];
  /** Routes whose implementation is longer than a use-case call and its result. */
  longRoutes: string[];
  /** Modules imported at run time that belong in deps.ts or in a use case. */
  wiringImports: string[];
}

const WIRING = [/^@aws-sdk\//, /\/adapters\//, /\/shared\/aws\//, /\/shared\/config$/];

const shapeOf = (file: string): HandlerShape => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const shape: HandlerShape = { implemented: [], otherStatements: [], topLevelFunctions: [], longRoutes: [], wiringImports: [] };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const spec = (statement.moduleSpecifier as ts.StringLiteral).text;
      const typeOnly = statement.importClause?.isTypeOnly ?? false;
      if (!typeOnly && WIRING.some((re) => re.test(spec))) shape.wiringImports.push(spec);
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const name = decl.name.getText(source);
        const init = decl.initializer;
        const isFunction = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
        if (isFunction && name !== 'makeHandler') shape.topLevelFunctions.push(name);
      }
    } else {
      shape.otherStatements.push(statement.getText(source).slice(0, 60));
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'implement') {
      const [route, run] = node.arguments;
      const id = route?.getText(source).replace(/^routes\./, '') ?? '?';
      shape.implemented.push(id);
      if (run && (ts.isArrowFunction(run) || ts.isFunctionExpression(run)) && ts.isBlock(run.body) && run.body.statements.length > MAX_STATEMENTS_PER_ROUTE) {
        shape.longRoutes.push(`${id} (${run.body.statements.length} statements)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return shape;
};

describe('an API function\'s handler file holds only its route table', () => {
  it('finds the API functions', () => {
    expect(apiFunctions.map((f) => f.name)).toEqual(expect.arrayContaining(['dossiers', 'payments', 'sync', 'catalogue']));
  });

  it.each(apiFunctions.map((f) => [f.name, f.entry] as const))('%s (%s)', (name, entry) => {
    const shape = shapeOf(join(ROOT, entry));
    const declared = platform.routes.filter((r) => r.fn === name).map((r) => r.id).sort();
    // Every declared route is bound in the table, once, and nothing else is.
    expect([...shape.implemented].sort()).toEqual(declared);
    expect(shape.otherStatements).toEqual([]);
    expect(shape.topLevelFunctions, 'helpers belong in a use case or shared/http').toEqual([]);
    expect(shape.longRoutes, 'a route calls one use case and shapes its result').toEqual([]);
    expect(shape.wiringImports, 'adapters and clients are wired in deps.ts').toEqual([]);
  });

  it('the check sees a handler that does more than route (a check of the checker)', () => {
    const probe = join(ROOT, 'test', 'fixtures', 'fat-handler.ts.txt');
    const shape = shapeOf(probe);
    expect(shape.topLevelFunctions).toEqual(['trackingUrl']);
    expect(shape.longRoutes).toEqual(['getReceipt (3 statements)']);
    expect(shape.wiringImports).toEqual(['../../shared/aws/clients', './adapters/payment-store']);
    expect(shape.otherStatements).toEqual(['if (process.env.WARM) void 0;']);
  });
});
