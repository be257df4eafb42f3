/** The vocabulary of the server's room: who is connected, what happens, what to do. */

/** A connected client's number, unique and never reused within a run. */
export type ClientId = number & { readonly __brand: "ClientId" };

/** Why a client is no longer connected. */
export type LeaveReason =
  | { readonly kind: "closed" }
  | { readonly kind: "reset" }
  | { readonly kind: "kicked"; readonly reason?: string }
  | { readonly kind: "too-slow" }
  | { readonly kind: "error"; readonly message: string };

/** Something that happened, fed to the room by the adapters. */
export type RoomEvent =
  | { readonly type: "join"; readonly id: ClientId; readonly address: string; readonly at: Date }
  | { readonly type: "line"; readonly id: ClientId; readonly text: string }
  | { readonly type: "leave"; readonly id: ClientId; readonly reason: LeaveReason }
  | { readonly type: "operator"; readonly text: string };

/** Something the adapters must do in answer. */
export type RoomAction =
  | { readonly type: "show"; readonly text: string }
  | { readonly type: "send"; readonly to: ClientId; readonly text: string }
  | { readonly type: "disconnect"; readonly id: ClientId; readonly reason: LeaveReason };
