// Parse Argdown files with the official parser (@argdown/core, from npm) and print, for each, its
// parser errors and the counts of statements, arguments and relations its model holds, and the edges of
// the map it draws (the pipeline of the editor's preview, up to Graphviz DOT), as JSON lines; and,
// for each argument with a premise-conclusion structure, its members' roles and inference data.
import { argdown } from "@argdown/core";
import fs from "fs";

for (const path of process.argv.slice(2)) {
  const input = fs.readFileSync(path, "utf8");
  const r = argdown.run({ input, process: "export-dot", logLevel: "error" });
  const errors = (r.parserErrors || []).map(e => `${e.token?.startLine}:${e.token?.startColumn} ${e.message}`);
  console.log(JSON.stringify({
    path, errors: errors.concat((r.exceptions || []).map(String)),
    statements: Object.keys(r.statements || {}).length, arguments: Object.keys(r.arguments || {}).length,
    relations: (r.relations || []).length, mapEdges: r.map ? r.map.edges.length : null,
    dot: typeof r.dot === "string" && r.dot.startsWith("digraph"),
    frontMatter: r.frontMatter ? Object.keys(r.frontMatter) : [],
    pcs: Object.fromEntries(Object.values(r.arguments || {}).filter(a => a.pcs && a.pcs.length)
      .map(a => [a.title, a.pcs.map(m => ({ role: m.role, title: m.title,
        rules: m.inference ? m.inference.inferenceRules || [] : [],
        data: m.inference ? m.inference.data || {} : {} }))])),
  }));
}
