// Lint Cypher offline with Neo4j's own parser (@neo4j-cypher/language-support).
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...],
//                     "parameters": [...names], "functions": [...names]},
//          "queries": {"NAME": "cypher text", ...}}
// stdout: {"version": "<package version>",
//          "results": {"NAME": [{"severity": "error"|"warning"|..., "message": "...",
//                                "line": 1, "column": 1, "text": "offending text"}]}}
// Every query is checked against the schema: syntax errors, undefined variables and
// parameters, and (as warnings) unknown labels, types, properties and functions.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const { version } = JSON.parse(readFileSync(
  new URL('./node_modules/@neo4j-cypher/language-support/package.json', import.meta.url), 'utf8'));
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const CYPHER = 'CYPHER 5';

function fn(name) {
  return {
    name, category: '', description: '', isBuiltIn: true, argumentDescription: [],
    returnDescription: '', signature: `${name}()`, aggregating: false, isDeprecated: false,
  };
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const s = input.schema ?? {};
const schema = {
  labels: s.labels ?? [],
  relationshipTypes: s.relationshipTypes ?? [],
  propertyKeys: s.propertyKeys,
  parameters: Object.fromEntries((s.parameters ?? []).map((p) => [p, null])),
  defaultLanguage: CYPHER,
};
if (s.functions) {
  schema.functions = { [CYPHER]: Object.fromEntries(s.functions.map((f) => [f, fn(f)])) };
}

const results = {};
for (const [name, query] of Object.entries(input.queries ?? {})) {
  const { diagnostics } = lintCypherQuery(query, schema);
  results[name] = diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    text: query.slice(d.offsets.start, d.offsets.end),
  }));
}
process.stdout.write(JSON.stringify({ version, results }, null, 1) + '\n');
