import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { AddressKind, JoinAddress } from '../../shared/live';

/**
 * Which of this machine's addresses the room's laptops can reach. A facilitator's laptop often has
 * more than the venue's Wi-Fi: a VPN client, Docker or WSL bridges, VirtualBox or VMware adapters,
 * a phone's tethering. The first address is the one on the projector and in the QR code, so the
 * likeliest one (Wi-Fi, then wired) must come first and the others must say what they are.
 */

/** Interface names by kind: Linux (wlp2s0, enp3s0, docker0), Windows ("Wi-Fi", "vEthernet (WSL)") and macOS (en0, utun3). */
const NAME_RULES: readonly (readonly [RegExp, AddressKind])[] = [
  [/^(docker|br-|veth|virbr|vboxnet|vmnet|lxc|lxd|cni|flannel|podman|kube|vnic)|vethernet|virtualbox|vmware|hyper-v|host-only/i, 'virtual'],
  [/^(tun|tap|utun|wg|ppp|ipsec|zt|tailscale|nordlynx|proton)|vpn|wireguard|anyconnect|forti|globalprotect|pangp|openvpn|zerotier|tailscale/i, 'vpn'],
  [/^(wl|wlan|wifi|ath|ra\d)|wi-?fi|wlan|wireless|draadloos/i, 'wifi'],
  [/^(en|eth|em|eno|ens|enp|enx)|ethernet|lan-verbinding|local area connection/i, 'wired'],
];

/** Private LAN ranges (RFC 1918): a venue's Wi-Fi hands these out. 100.64/10 is CGNAT (Tailscale). */
function isPrivateLan(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/**
 * The kind of one IPv4 address of an interface. macOS names Wi-Fi and Ethernet both `en*`, so
 * `en*` counts as wired unless the name says more; its rank is then decided by the address.
 */
export function classifyAddress(interfaceName: string, ip: string, internal: boolean): AddressKind {
  if (internal || ip.startsWith('127.')) return 'loopback';
  if (ip.startsWith('169.254.')) return 'link-local';
  for (const [pattern, kind] of NAME_RULES) if (pattern.test(interfaceName)) return kind;
  return 'other';
}

const KIND_RANK: Record<AddressKind, number> = {
  wifi: 0,
  wired: 1,
  other: 2,
  vpn: 3,
  virtual: 4,
  'link-local': 5,
  loopback: 6,
};

/** The rank of an address: lower is likelier to be the room's network. */
function rank(address: { kind: AddressKind; ip: string }): number {
  // A Wi-Fi or wired address outside the private ranges (a hotel's public IP, CGNAT) is still
  // likelier than a VPN's, but after any private one.
  return KIND_RANK[address.kind] * 2 + (isPrivateLan(address.ip) ? 0 : 1);
}

/**
 * Every non-internal IPv4 address from `interfaces` (the shape of os.networkInterfaces()) as a
 * join address `http://<ip>:<port>`, the likeliest first; at most `max`. Pure, for tests.
 */
export function rankJoinAddresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  port: number,
  max = 16,
): JoinAddress[] {
  const found: { kind: AddressKind; ip: string; interfaceName: string; order: number }[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal) continue;
      found.push({ interfaceName, ip: info.address, kind: classifyAddress(interfaceName, info.address, false), order: found.length });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => rank(a) - rank(b) || a.order - b.order)
    .filter((a) => !seen.has(a.ip) && seen.add(a.ip))
    .slice(0, max)
    .map((a) => ({ url: `http://${a.ip}:${port}`, interfaceName: a.interfaceName, kind: a.kind }));
}

/** This machine's join addresses right now (interfaces come and go: Wi-Fi joined after start). */
export function lanJoinAddresses(port: number): JoinAddress[] {
  return rankJoinAddresses(networkInterfaces(), port);
}
