// Validates JSON documents as VS Code's JSON language service does, for
// tests/test_editors.py.  It reads one JSON request from the file named on the
// command line: {"schemas": [{"uri", "fileMatch"}], "documents": [paths]},
// and prints each document's diagnostics as JSON.  Schemas load from file:
// URLs only: a request for any other URL fails, as it would offline.
"use strict";
const fs = require("fs");
const url = require("url");
const languageService = require("vscode-json-languageservice");
const { TextDocument } = require("vscode-languageserver-textdocument");

function readSchema(uri) {
  if (!uri.startsWith("file:")) {
    return Promise.reject(new Error(`not fetched: ${uri}`));
  }
  return Promise.resolve(fs.readFileSync(url.fileURLToPath(uri), "utf8"));
}

async function main() {
  const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const service = languageService.getLanguageService({
    schemaRequestService: readSchema,
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
  });
  service.configure({ validate: true, allowComments: false, schemas: request.schemas });
  const results = [];
  for (const path of request.documents) {
    const uri = url.pathToFileURL(path).href;
    const document = TextDocument.create(uri, "json", 1, fs.readFileSync(path, "utf8"));
    const parsed = service.parseJSONDocument(document);
    const diagnostics = await service.doValidation(document, parsed, { schemaValidation: "error" });
    results.push({
      document: path,
      diagnostics: diagnostics.map((d) => ({ line: d.range.start.line + 1, message: d.message })),
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
