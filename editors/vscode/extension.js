// The fountainkit extension: a thin client that starts `fountainkit lsp` over stdio
// for every Fountain document. Everything the server offers (outline, folding,
// diagnostics, completion, hover, quick fixes, semantic tokens, its commands)
// comes through vscode-languageclient; this file only starts it, says clearly when
// the executable is missing, and gives the server's commands a palette entry that
// works on the active document.
"use strict";

const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

const SECTION = "fountainkit";
// Commands this extension implements itself; every other command in package.json
// is one the server offers through workspace/executeCommand, taking the document's
// URI first. The client registers each command the server lists in its initialize
// answer; the middleware below fills in the active document when the palette
// calls one without arguments. So a new server command needs only its entry in
// package.json (tests/test_vscode_extension.py checks that every one has one).
const CLIENT_COMMANDS = new Set(["fountainkit.restartServer"]);
const DOCUMENT_COMMANDS = Object.fromEntries(
  require("./package.json")
    .contributes.commands.filter((entry) => !CLIENT_COMMANDS.has(entry.command))
    .map((entry) => [entry.command, entry.title])
);

let client;
let fallbacks = [];

// The executable as the OS would find it: a path as given, or the first match
// on PATH (with PATHEXT on Windows). null when there is none.
function findExecutable(command) {
  const isFile = (candidate) => {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return fs.statSync(candidate).isFile();
    } catch {
      return false;
    }
  };
  const extensions =
    process.platform === "win32"
      ? ["", ...(process.env.PATHEXT || ".EXE;.CMD;.BAT").split(";")]
      : [""];
  if (command.includes("/") || command.includes(path.sep)) {
    return extensions.map((ext) => command + ext).find(isFile) || null;
  }
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = path.join(dir, command + ext);
      if (isFile(candidate)) return candidate;
    }
  }
  return null;
}

async function reportMissing(command, detail) {
  const choice = await vscode.window.showErrorMessage(
    `fountainkit: cannot start the language server: ${detail}. ` +
      "Install fountainkit (pip install fountainkit) or set fountainkit.command " +
      `to its full path (now "${command}"). Colouring still works without it.`,
    "Open Settings"
  );
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "fountainkit.command");
  }
}

function activeFountainUri() {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === "fountain") return editor.document.uri.toString();
  return null;
}

// What a command answered, shown to the writer: the file it wrote (with a button
// to open it) or a one-line summary.
async function showResult(command, result) {
  if (result === null || result === undefined) return;
  const written =
    typeof result === "string"
      ? result
      : result.path || result.output || (result.uri && vscode.Uri.parse(result.uri).fsPath);
  if (written) {
    const choice = await vscode.window.showInformationMessage(`Wrote ${written}`, "Open");
    if (choice === "Open") await vscode.env.openExternal(vscode.Uri.file(written));
    return;
  }
  if (typeof result === "object" && "changed" in result) {
    if (result.applied === false) {
      vscode.window.showWarningMessage(`${DOCUMENT_COMMANDS[command]}: the edit was not applied`);
    } else {
      const count = result.changed;
      vscode.window.setStatusBarMessage(
        `${DOCUMENT_COMMANDS[command]}: ${count} heading${count === 1 ? "" : "s"} changed`,
        5000
      );
    }
  }
}

function clientOptions() {
  return {
    documentSelector: [
      { scheme: "file", language: "fountain" },
      { scheme: "untitled", language: "fountain" },
    ],
    outputChannelName: "fountainkit",
    middleware: {
      executeCommand: async (command, args, next) => {
        if (command in DOCUMENT_COMMANDS && args[0] instanceof vscode.Uri) {
          args = [{ uri: args[0].toString() }, ...args.slice(1)]; // from an explorer or title menu
        } else if (command in DOCUMENT_COMMANDS && args.length === 0) {
          const uri = activeFountainUri();
          if (!uri) {
            vscode.window.showWarningMessage(`${DOCUMENT_COMMANDS[command]}: open a Fountain script first`);
            return undefined;
          }
          args = [{ uri }];
        }
        const result = await next(command, args);
        await showResult(command, result);
        return result;
      },
    },
  };
}

// Palette entries for the commands this server does not offer (an older
// fountainkit): a clear message instead of "command not found".
function registerFallbacks() {
  const offered = new Set(
    (client.initializeResult?.capabilities?.executeCommandProvider?.commands) || []
  );
  for (const [command, title] of Object.entries(DOCUMENT_COMMANDS)) {
    if (offered.has(command)) continue;
    fallbacks.push(
      vscode.commands.registerCommand(command, () =>
        vscode.window.showWarningMessage(
          `${title}: this fountainkit server does not offer it (update fountainkit)`
        )
      )
    );
  }
}

async function start() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const command = config.get("command") || "fountainkit";
  const args = config.get("args") || ["lsp"];
  if (!findExecutable(command)) {
    await reportMissing(command, `"${command}" is not an executable file or on PATH`);
    return;
  }
  client = new LanguageClient(
    "fountainkit",
    "fountainkit",
    { command, args, transport: TransportKind.stdio },
    clientOptions()
  );
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    await reportMissing(command, error && error.message ? error.message : String(error));
    return;
  }
  registerFallbacks();
}

async function stop() {
  for (const disposable of fallbacks) disposable.dispose();
  fallbacks = [];
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("fountainkit.restartServer", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.command`) || event.affectsConfiguration(`${SECTION}.args`)) {
        await stop();
        await start();
      }
    })
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, findExecutable };
