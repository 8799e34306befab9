// What a VS Code webview gives its page script (media/progress.js), for the type check only.
declare function acquireVsCodeApi(): {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
};
