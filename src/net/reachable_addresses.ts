/**
 * Lists the addresses other machines can use to reach this one, read from the
 * network interfaces: loopback and link-local addresses are left out.
 */

/** One interface address as reported by the system. */
export interface InterfaceAddress {
  readonly family: "IPv4" | "IPv6";
  readonly address: string;
}

/** Picks the addresses worth telling another machine about, IPv4 first. Pure. */
export function pickReachableAddresses(interfaces: readonly InterfaceAddress[]): string[] {
  const useful = interfaces.filter(({ family, address }) =>
    family === "IPv4"
      ? !address.startsWith("127.") && !address.startsWith("169.254.")
      : address !== "::1" && !/^fe[89ab]/i.test(address)
  );
  const ordered = [
    ...useful.filter((i) => i.family === "IPv4"),
    ...useful.filter((i) => i.family === "IPv6"),
  ];
  return [...new Set(ordered.map((i) => i.address))];
}

/** The machine's reachable addresses, or none when interfaces cannot be read. */
export function reachableAddresses(): string[] {
  try {
    return pickReachableAddresses(Deno.networkInterfaces());
  } catch {
    return [];
  }
}
