import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import { LAPTOP_NAME } from './connect';

/**
 * What makes a Node process hold laptops as a room has them: WebRTC from @roamhq/wrtc and the `ws`
 * WebSocket where the app's code looks for a browser's (globalThis), and each laptop's sockets from
 * an address of its own, as each laptop in a room has: a laptop's host address carries its name as
 * URL user info (laptopHostUrl, `http://laptop-3-2@127.0.0.1:4173`), and LaptopWebSocket takes it
 * off again and connects from 127.0.3.2 (all of 127/8 is loopback on Linux). So the host sees 96
 * clients, not a few processes, should it ever count per address.
 */

/** `ws`'s WebSocket, connecting from the laptop's own loopback address when the URL names one. */
export class LaptopWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    const url = new URL(address);
    const laptop = LAPTOP_NAME.exec(url.username);
    url.username = '';
    super(url, protocols, laptop ? { localAddress: `127.0.${laptop[1]}.${laptop[2]}` } : {});
  }
}

/** Puts WebSocket and WebRTC where y-websocket, y-webrtc and simple-peer look for them. */
export function installNodeLaptop(): void {
  Object.assign(globalThis, {
    WebSocket: LaptopWebSocket,
    RTCPeerConnection: wrtc.RTCPeerConnection,
    RTCSessionDescription: wrtc.RTCSessionDescription,
    RTCIceCandidate: wrtc.RTCIceCandidate,
  });
}
