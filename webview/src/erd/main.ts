// ERD webview entry: wires the host messaging (VS Code's acquireVsCodeApi) to the app and says
// `ready` once it listens, so the host never posts into the void.
import './erd.css';
import { isHostToErdMessage, type ErdToHostMessage } from '../protocol';
import { ErdApp } from './app';
import { warmUpLayout } from './layout-runner';

interface VsCodeApi {
  postMessage(message: ErdToHostMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('erd-app');
if (!root) throw new Error('ERD page is missing #erd-app');
const vscode = acquireVsCodeApi();
const app = new ErdApp(root, (m) => vscode.postMessage(m));
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToErdMessage(event.data)) void app.handle(event.data);
});
vscode.postMessage({ type: 'ready' });
warmUpLayout();
