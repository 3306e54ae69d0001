// Results webview entry: wires the host messaging (VS Code's acquireVsCodeApi) to the app and says
// `ready` once it listens, so the host never posts into the void.
import './results.css';
import { ResultsApp } from './app';
import { isHostToResultsMessage, type ResultsToHostMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: ResultsToHostMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('results-app');
if (!root) throw new Error('results page is missing #results-app');
const vscode = acquireVsCodeApi();
const app = new ResultsApp(root, (m) => vscode.postMessage(m));
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToResultsMessage(event.data)) app.handle(event.data);
});
vscode.postMessage({ type: 'ready' });
