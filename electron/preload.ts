import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc';
import type { Platform } from '../shared/platform';

/**
 * The renderer's only door to the OS: named verbs over IPC, never ipcRenderer itself. `satisfies
 * Platform` makes a missing or misspelt method a compile error. Bundled to CommonJS
 * (dist/electron/preload.cjs) because a sandboxed preload cannot be an ES module.
 */
const api = {
  kind: 'electron',
  loadSettings: () => ipcRenderer.invoke(IPC_CHANNELS.loadSettings),
  saveSettings: (settings) => ipcRenderer.invoke(IPC_CHANNELS.saveSettings, settings),
  loadSessionIndex: () => ipcRenderer.invoke(IPC_CHANNELS.loadSessionIndex),
  saveSessionIndex: (entries) => ipcRenderer.invoke(IPC_CHANNELS.saveSessionIndex, entries),
  startHosting: (request) => ipcRenderer.invoke(IPC_CHANNELS.startHosting, request),
  stopHosting: () => ipcRenderer.invoke(IPC_CHANNELS.stopHosting),
  forgetSession: (request) => ipcRenderer.invoke(IPC_CHANNELS.forgetSession, request),
  openProjector: (request) => ipcRenderer.invoke(IPC_CHANNELS.openProjector, request),
} satisfies Platform;

contextBridge.exposeInMainWorld('bouwplaats', api);
