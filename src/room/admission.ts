/**
 * Whether a new connection may join, decided before it becomes a member. Pure:
 * a refusal carries the one line the refused client reads and the line the
 * operator's log shows; one adapter sends the first and closes the connection.
 * Every reason to refuse (a full room, and later an address rule) takes this path.
 */
import { roomEn, type RoomMessages } from "../i18n/en/room.ts";

/** The limits a server applies to newcomers. */
export interface AdmissionPolicy {
  /** The most clients connected at once (`--max-clients`). */
  readonly maxClients: number;
}

/** A connection asking to join. */
export interface AdmissionRequest {
  /** `host:port` of the newcomer. */
  readonly address: string;
  /** How many clients are connected already. */
  readonly connected: number;
}

/** Why a newcomer is turned away. */
export type RefusalReason = { readonly kind: "full"; readonly maxClients: number };

/** The verdict on a newcomer. */
export type Admission =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly reason: RefusalReason };

/** The default `--max-clients`: a whole class and then some. */
export const DEFAULT_MAX_CLIENTS = 1000;

/** Decides whether `request` may join under `policy`. */
export function decideAdmission(request: AdmissionRequest, policy: AdmissionPolicy): Admission {
  if (request.connected >= policy.maxClients) {
    return { admitted: false, reason: { kind: "full", maxClients: policy.maxClients } };
  }
  return { admitted: true };
}

/** The one line a refused client reads before the connection closes. */
export function refusalLine(reason: RefusalReason, messages: RoomMessages = roomEn): string {
  switch (reason.kind) {
    case "full":
      return messages.full(reason.maxClients);
  }
}

/** What the operator's screen or log says about a refusal. */
export function refusalLog(
  address: string,
  reason: RefusalReason,
  messages: RoomMessages = roomEn,
): string {
  switch (reason.kind) {
    case "full":
      return messages.fullLog(address, reason.maxClients);
  }
}
