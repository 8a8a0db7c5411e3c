#!/usr/bin/env node
// Tokenizes Fountain fixtures with the grammar of this extension, through the
// tokenizer VS Code itself uses (vscode-textmate + the Oniguruma WebAssembly
// build), and checks the scopes a fixture's expectations name.
//
//   node test/tokenize.js                 check every test/fixtures/*.fountain
//                                         against its *.expected.json; exit 1 on a mismatch
//   node test/tokenize.js --fixtures DIR  the same with the fixtures of another folder
//   node test/tokenize.js --dump FILE     print each line's tokens and scopes (to write
//                                         expectations, or to see why one fails)
//
// An expectations file is {"expect": [[line, text, scope], ...]}: line is 1-based,
// text is the first occurrence of that text on the line (or [text, n] for the n-th),
// and every token that overlaps it must carry scope (exactly that name, among the
// token's scopes); "!scope" means no token of it may carry scope.
"use strict";

const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const ROOT = path.join(__dirname, "..");
const GRAMMAR = path.join(ROOT, "syntaxes", "fountain.tmLanguage.json");
const DEFAULT_FIXTURES = path.join(__dirname, "fixtures");

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== "text.fountain") return null;
      const source = fs.readFileSync(GRAMMAR, "utf8");
      return vsctm.parseRawGrammar(source, GRAMMAR);
    },
  });
  const grammar = await registry.loadGrammar("text.fountain");
  if (!grammar) throw new Error(`could not load ${GRAMMAR}`);
  return grammar;
}

// Tokens of every line, as VS Code would tokenize the document from its first line.
function tokenizeText(grammar, text) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return { line, tokens: result.tokens };
  });
}

function findText(line, wanted) {
  const [text, nth] = Array.isArray(wanted) ? wanted : [wanted, 1];
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = line.indexOf(text, at + 1);
    if (at === -1) return null;
  }
  return [at, at + text.length];
}

function check(grammar, fixture, expectations) {
  const lines = tokenizeText(grammar, fs.readFileSync(fixture, "utf8"));
  const failures = [];
  for (const [lineNo, wanted, rawScope] of expectations) {
    const where = `${path.basename(fixture)}:${lineNo} ${JSON.stringify(wanted)}`;
    const entry = lines[lineNo - 1];
    if (!entry) {
      failures.push(`${where}: no such line`);
      continue;
    }
    const range = findText(entry.line, wanted);
    if (!range) {
      failures.push(`${where}: text not on the line ${JSON.stringify(entry.line)}`);
      continue;
    }
    const negate = rawScope.startsWith("!");
    const scope = negate ? rawScope.slice(1) : rawScope;
    const overlapping = entry.tokens.filter(
      (token) => token.startIndex < range[1] && token.endIndex > range[0]
    );
    const bad = overlapping.filter((token) => token.scopes.includes(scope) === negate);
    if (bad.length) {
      const shown = bad
        .map((t) => `${JSON.stringify(entry.line.slice(t.startIndex, t.endIndex))} = ${t.scopes.join(" ")}`)
        .join("; ");
      failures.push(`${where}: ${negate ? "has" : "lacks"} ${scope}: ${shown}`);
    }
  }
  return failures;
}

function dump(grammar, file) {
  const lines = tokenizeText(grammar, fs.readFileSync(file, "utf8"));
  lines.forEach(({ line, tokens }, index) => {
    console.log(`${index + 1}: ${line}`);
    for (const token of tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      console.log(`    ${JSON.stringify(text)} ${token.scopes.slice(1).join(" ")}`);
    }
  });
}

async function main() {
  const args = process.argv.slice(2);
  const grammar = await loadGrammar();
  if (args[0] === "--dump") {
    if (!args[1]) throw new Error("usage: tokenize.js --dump FILE.fountain");
    dump(grammar, args[1]);
    return 0;
  }
  const folder = args[0] === "--fixtures" && args[1] ? args[1] : DEFAULT_FIXTURES;
  const fixtures = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".fountain"))
    .sort();
  if (!fixtures.length) throw new Error(`no fixtures in ${folder}`);
  let failures = [];
  let checked = 0;
  for (const name of fixtures) {
    const fixture = path.join(folder, name);
    const expectedFile = fixture.replace(/\.fountain$/, ".expected.json");
    const expectations = JSON.parse(fs.readFileSync(expectedFile, "utf8")).expect;
    if (!Array.isArray(expectations) || !expectations.length) {
      throw new Error(`${expectedFile}: no expectations`);
    }
    failures = failures.concat(check(grammar, fixture, expectations));
    checked += expectations.length;
  }
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(
    `${checked - failures.length} of ${checked} scope expectations hold in ${fixtures.length} fixture(s)`
  );
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`tokenize.js: ${error.message}`);
    process.exit(2);
  }
);
