// Builds the dashboard into public/ (or the folder given as the first argument: browser tests build into
// their server's own static folder): copies the static files and, when there is an entry module, bundles it
// with esbuild (minified, ES2022, pages split into chunks loaded on first visit) and reports the size of what
// the first paint loads (the entry and the chunks it imports statically) against the budget, and the rest.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'web-components');
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'public');
const BUDGET_GZIP = 60 * 1024;

/**
 * esbuild minifies code, not the text inside Lit's css`` and html`` templates. This plugin rewrites only the
 * literal parts of those tagged templates (found with the TypeScript parser, so code and strings elsewhere are
 * never touched): CSS loses comments and the whitespace around its punctuation; markup collapses each run of
 * whitespace that spans a line break into one space (a single space between inline elements still matters).
 */
const minifyTemplates = (ts) => ({
  name: 'minify-lit-templates',
  setup(b) {
    b.onLoad({ filter: /web-components[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/\b(css|html|svg)`/.test(text)) return undefined;
      const sf = ts.createSourceFile(args.path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const edits = [];
      const visit = (node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
          const tag = node.tag.text;
          if (tag === 'css' || tag === 'html' || tag === 'svg') {
            const t = node.template;
            const parts = ts.isNoSubstitutionTemplateLiteral(t)
              ? [t]
              : [t.head, ...t.templateSpans.map((s) => s.literal)];
            for (const p of parts) {
              // Raw text between the delimiters (` or } at the start, ` or ${ at the end).
              const start = p.getStart(sf) + 1;
              const end =
                p.getEnd() -
                (p.kind === ts.SyntaxKind.TemplateHead || p.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
              const raw = text.slice(start, end);
              const min =
                tag === 'css'
                  ? raw
                      .replace(/\/\*[\s\S]*?\*\//g, '')
                      .replace(/\s+/g, ' ')
                      .replace(/\s*([{};,>])\s*/g, '$1')
                      .replace(/:\s+/g, ':')
                      .replace(/;}/g, '}')
                  : raw.replace(/\s*\n\s*/g, ' ');
              if (min !== raw) edits.push([start, end, min]);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      let code = text;
      for (const [s, e, r] of edits.sort((a, b) => b[0] - a[0])) code = code.slice(0, s) + r + code.slice(e);
      return { contents: code, loader: 'ts' };
    });
  },
});

/**
 * What opening the dashboard loads (dashboard.js, the Overview page it lands on, and every chunk those import
 * statically) and what only visiting another page loads, from esbuild's metafile.
 */
const bundleFiles = (metafile) => {
  const outputs = metafile.outputs;
  const initial = new Set();
  const walk = (k) => {
    if (!k || initial.has(k) || !outputs[k]) return;
    initial.add(k);
    for (const i of outputs[k].imports) if (i.kind === 'import-statement') walk(i.path);
  };
  const js = Object.keys(outputs).filter((k) => k.endsWith('.js'));
  walk(js.find((k) => path.basename(k) === 'dashboard.js'));
  walk(js.find((k) => /hydra-overview\.ts$/.test(outputs[k].entryPoint ?? '')));
  return { initial: [...initial], lazy: js.filter((k) => !initial.has(k)) };
};

mkdirSync(out, { recursive: true });
for (const f of readdirSync(src)) {
  if (/\.(html|css|svg|ico|png|webmanifest)$/.test(f)) copyFileSync(path.join(src, f), path.join(out, f));
}
const entry = path.join(src, 'main.ts');
if (existsSync(entry)) {
  const [{ build }, { default: ts }] = await Promise.all([import('esbuild'), import('typescript')]);
  // Old chunks would pile up next to the new ones (their names carry a content hash).
  rmSync(path.join(out, 'chunks'), { recursive: true, force: true });
  const result = await build({
    entryPoints: { dashboard: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    sourcemap: true,
    tsconfig: path.join(src, 'tsconfig.json'),
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    plugins: [minifyTemplates(ts)],
    logLevel: 'warning',
  });
  const { initial, lazy } = bundleFiles(result.metafile);
  const size = (files) =>
    files.reduce(
      (a, f) => {
        const bytes = readFileSync(f);
        return { raw: a.raw + bytes.length, gz: a.gz + gzipSync(bytes, { level: 9 }).length };
      },
      { raw: 0, gz: 0 },
    );
  const first = size(initial);
  const rest = size(lazy);
  const line = `dashboard: opening ${(first.raw / 1024).toFixed(1)} KB minified, ${(first.gz / 1024).toFixed(1)} KB gzip (budget ${BUDGET_GZIP / 1024} KB, ${initial.length} files, the Overview included); other pages on demand ${(rest.gz / 1024).toFixed(1)} KB gzip in ${lazy.length} chunks`;
  if (first.gz > BUDGET_GZIP) {
    console.error(`${line} — OVER BUDGET`);
    process.exit(1);
  }
  console.log(line);
} else {
  console.log('dashboard: static placeholder copied (no web-components/main.ts yet)');
}
