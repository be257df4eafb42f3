import { assertEquals } from "../_helpers/assert.ts";
/** Tests for `parseProcNetUdp`: UDP sockets read from /proc/net/udp(6). */
import { parseProcNetUdp } from "../../src/proc/proc_net_udp.ts";

// Copied from a Linux 6.x machine: a server bound to 0.0.0.0:7999 and a client connected to it.
const PROC_NET_UDP =
  `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 1234: 00000000:1F3F 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 845641 2 0000000091ed8b2e 0
 1301: 0100007F:B2D6 0100007F:1F3F 01 00000000:00000000 00:00000000 00000000  1000        0 845700 2 0000000091ed8b2f 0
`;

Deno.test("parseProcNetUdp() shows a bound socket as UNCONN and a connected one as ESTABLISHED", () => {
  const [server, client] = parseProcNetUdp(PROC_NET_UDP);
  assertEquals(server, {
    protocol: "udp",
    state: "UNCONN",
    local: { address: "0.0.0.0", port: 7999 },
    remote: { address: "0.0.0.0", port: 0 },
    uid: 1000,
    inode: 845641,
  });
  assertEquals(client.state, "ESTABLISHED");
  assertEquals(client.remote, { address: "127.0.0.1", port: 7999 });
});
