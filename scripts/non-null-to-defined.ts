// x! → defined(x) in the files given (npx tsx scripts/non-null-to-defined.ts <files>), adding the import of shared/testing/defined.ts.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import ts from 'typescript'
const helper = resolve('shared/testing/defined.js')
for (const file of process.argv.slice(2)) {
  let text = readFileSync(file, 'utf8')
  let changed = false
  for (;;) {
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
    const inner: ts.NonNullExpression[] = []
    const hasNN = (n: ts.Node): boolean => ts.isNonNullExpression(n) || (ts.forEachChild(n, (c) => hasNN(c) || undefined) ?? false)
    const visit = (n: ts.Node) => {
      if (ts.isNonNullExpression(n) && !hasNN(n.expression)) inner.push(n)
      ts.forEachChild(n, visit)
    }
    visit(src)
    if (!inner.length) break
    changed = true
    for (const n of inner.sort((a, b) => b.getStart() - a.getStart())) {
      text = text.slice(0, n.getStart()) + `defined(${n.expression.getText()})` + text.slice(n.end)
    }
  }
  if (!changed) continue
  if (!/import \{[^}]*\bdefined\b[^}]*\} from/.test(text)) {
    let rel = relative(dirname(resolve(file)), helper)
    if (!rel.startsWith('.')) rel = './' + rel
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
    const imports = src.statements.filter(ts.isImportDeclaration)
    const last = imports[imports.length - 1]
    const at = last ? last.end : 0
    text = text.slice(0, at) + `${last ? '\n' : ''}import { defined } from '${rel}'${last ? '' : '\n'}` + text.slice(at)
  }
  writeFileSync(file, text)
}
