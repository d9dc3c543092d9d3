/**
 * The preload (built as one CommonJS file, `preload.cjs`, as sandboxed preloads require): exposes exactly two
 * functions on `window.labelAudit` through `contextBridge` (ARCHITECTURE.md "Electron"):
 * - `send(message)` posts a tRPC message on the `label-audit:trpc` channel;
 * - `onMessage(callback)` receives answers and returns an unsubscribe function.
 * The IPC event object never reaches the page: only the message.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL, type IpcClientMessage, type IpcServerMessage } from './protocol';

const bridge = {
  send(message: IpcClientMessage): void {
    ipcRenderer.send(IPC_CHANNEL, message);
  },
  onMessage(callback: (message: IpcServerMessage) => void): () => void {
    const listener = (_event: IpcRendererEvent, message: IpcServerMessage) => callback(message);
    ipcRenderer.on(IPC_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('labelAudit', bridge);
