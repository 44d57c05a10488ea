/**
 * The house's figures, counted from the code's syntax (not by grep): type casts, non-null
 * assertions, source files over the size limit, and `console.*` in the server. Prints them and
 * exits non-zero when one is over its budget, so `npm run lint` keeps them where they are.
 *
 *   npx tsx scripts/code-figures.ts          # figures and budgets
 *   npx tsx scripts/code-figures.ts --list   # also every place counted
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOT = join(import.meta.dirname, '..')
const TREES = ['server', 'shared', 'client']
/** Budgets the issue tracker agreed on; lower them as the code improves, never raise them quietly. */
const BUDGET = { casts: 45, nonNull: 0, linesPerFile: 250 }
/** Message catalogues are data, not code: they are exempt from the size limit. */
const SIZE_EXEMPT = /[\\/]i18n[\\/]|\.(en|vi)\.ts$/

const isTest = (path: string) => /\.(test|spec)\.ts$/.test(path) || /[\\/](test|testing)[\\/]/.test(path)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** The TypeScript of a file: a .vue file's <script> blocks, a .ts file whole. */
function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.vue')) return text
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('\n')
}

interface Place { file: string; line: number; text: string }

function scan(file: string, text: string) {
  const source = ts.createSourceFile(file, scriptOf(file, text), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const casts: Place[] = []
  const nonNull: Place[] = []
  const consoles: Place[] = []
  const place = (node: ts.Node): Place => ({
    file,
    line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    text: node.getText().slice(0, 80).replace(/\s+/g, ' '),
  })
  const visit = (node: ts.Node) => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const isConst = ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const'
      if (!isConst) casts.push(place(node))
    }
    if (ts.isNonNullExpression(node)) nonNull.push(place(node))
    if (ts.isPropertyAccessExpression(node) && node.expression.getText() === 'console') consoles.push(place(node))
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { casts, nonNull, consoles }
}

const files = TREES.flatMap((tree) => sourceFiles(join(ROOT, tree))).filter((f) => !isTest(f))
const all = { casts: [] as Place[], nonNull: [] as Place[], consoles: [] as Place[] }
const large: { file: string; lines: number }[] = []
for (const path of files) {
  const file = relative(ROOT, path)
  const text = readFileSync(path, 'utf8')
  const found = scan(file, text)
  all.casts.push(...found.casts)
  all.nonNull.push(...found.nonNull)
  if (file.startsWith('server')) all.consoles.push(...found.consoles)
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0)
  if (lines > BUDGET.linesPerFile && !SIZE_EXEMPT.test(file)) large.push({ file, lines })
}

const list = process.argv.includes('--list')
const show = (places: Place[]) => { if (list) for (const p of places) console.log(`    ${p.file}:${p.line}  ${p.text}`) }
const over: string[] = []
const row = (label: string, count: number, budget: number) => {
  const ok = count <= budget
  if (!ok) over.push(label)
  console.log(`${ok ? 'ok  ' : 'OVER'}  ${label.padEnd(38)} ${String(count).padStart(5)}   budget ${budget}`)
}

console.log(`source files (no tests): ${files.length}`)
row('casts (as T, <T>x; not `as const`)', all.casts.length, BUDGET.casts)
show(all.casts)
row('non-null assertions (x!)', all.nonNull.length, BUDGET.nonNull)
show(all.nonNull)
row(`files over ${BUDGET.linesPerFile} lines (i18n exempt)`, large.length, 0)
for (const f of large.sort((a, b) => b.lines - a.lines)) console.log(`    ${f.file}  ${f.lines}`)
row('console.* in server/', all.consoles.length, 0)
show(all.consoles)
if (over.length) {
  console.error(`Over budget: ${over.join('; ')} (npx tsx scripts/code-figures.ts --list shows where)`)
  process.exit(1)
}
