/**
 * The Progress webview view: the active plan's phases, statuses and step counts.
 *
 * The page (media/progress.js) is loaded once per resolve; afterwards the plan reaches it only as
 * `model` messages. Call `refresh()` whenever the model may have changed.
 */
import * as vscode from 'vscode';
import { View } from './ids';
import { type HostMessage, makeNonce, parseWebviewMessage, type ProgressModel, progressHtml } from './progressModel';
import { errorText } from './text';

export class ProgressViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = View.progress;

  private view: vscode.WebviewView | undefined;
  private viewListeners: vscode.Disposable[] = [];
  /** The page has said `ready` since it was last loaded. */
  private ready = false;
  /** The JSON of the last model posted to the current page, to skip identical updates. */
  private lastPosted: string | undefined;
  private delivered: ProgressModel | null | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly getModel: () => ProgressModel | undefined,
    private readonly reveal: (index: number, line: number) => void | Promise<void>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(webviewView: vscode.WebviewView, _context: vscode.WebviewViewResolveContext, _token: vscode.CancellationToken): void {
    this.releaseView();
    this.view = webviewView;
    this.ready = false;
    this.lastPosted = undefined;

    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = webviewView.webview;
    webview.options = { enableScripts: true, localResourceRoots: [media] };

    this.viewListeners.push(
      webview.onDidReceiveMessage((message: unknown) => this.onMessage(webviewView, message)),
      webviewView.onDidChangeVisibility(() => {
        if (this.view !== webviewView) return;
        if (webviewView.visible) this.post(true);
      }),
      webviewView.onDidDispose(() => {
        if (this.view !== webviewView) return;
        this.view = undefined;
        this.releaseView();
      }),
    );

    webview.html = progressHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'progress.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'progress.css')).toString(),
    });
  }

  /** Posts the current model, if the view is showing; identical models are not re-sent. */
  refresh(): void {
    this.post(false);
  }

  /** For tests and diagnostics: the view's state and the model the page was last given. */
  get state(): { resolved: boolean; visible: boolean; ready: boolean; delivered: ProgressModel | null | undefined } {
    return { resolved: this.view !== undefined, visible: this.view?.visible ?? false, ready: this.ready, delivered: this.delivered };
  }

  /** Handles a message as if the page had sent it (tests drive the view's message handling). */
  receive(raw: unknown): void {
    if (this.view) this.onMessage(this.view, raw);
  }

  dispose(): void {
    this.view = undefined;
    this.releaseView();
  }

  private releaseView(): void {
    const listeners = this.viewListeners;
    this.viewListeners = [];
    for (const d of listeners) d.dispose();
    this.ready = false;
    this.lastPosted = undefined;
  }

  private onMessage(source: vscode.WebviewView, raw: unknown): void {
    if (this.view !== source) return;
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Progress view: ignored an invalid message from the page: ${describe(raw)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post(true);
        break;
      case 'reveal':
        void (async () => {
          try {
            await this.reveal(message.index, message.line);
          } catch (error) {
            this.log.error(`Progress view: could not reveal phase ${message.index} (line ${message.line + 1}): ${errorText(error)}`);
          }
        })();
        break;
    }
  }

  private post(force: boolean): void {
    const view = this.view;
    if (!view || !view.visible) return;
    let model: ProgressModel | null;
    try {
      model = this.getModel() ?? null;
    } catch (error) {
      this.log.error(`Progress view: could not build the model: ${errorText(error)}`);
      return;
    }
    const message: HostMessage = { type: 'model', model };
    const json = JSON.stringify(message);
    if (!force && json === this.lastPosted) return;
    this.lastPosted = json;
    view.webview.postMessage(message).then(
      (delivered) => {
        // Not delivered (page not loaded yet): the page's `ready` will ask again.
        if (!delivered && this.lastPosted === json) this.lastPosted = undefined;
        if (delivered) this.delivered = model;
      },
      (error: unknown) => {
        if (this.lastPosted === json) this.lastPosted = undefined;
        this.log.error(`Progress view: could not post the model: ${errorText(error)}`);
      },
    );
  }
}

function describe(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = Object.prototype.toString.call(raw);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
