// `vscode-languageclient@11` and the protocol packages it builds on publish their entry points
// only through package.json `exports`, which the project's `moduleResolution: node10` does not
// read (without this file, `vscode-languageclient/node` is not found and the protocol types
// silently become `any`). These declarations point the type checker at the files those entries
// resolve to; esbuild and Node resolve the real `exports` at build and run time. TypeScript
// tries real resolution before ambient modules, so this file is inert (and can be deleted)
// once tsconfig uses `moduleResolution: "bundler"` or `"node16"`.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
