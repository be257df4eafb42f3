/**
 * The connected clients, in order of arrival, found by id, by name (ignoring
 * case) or by address, as the operator types them in `/to` and `/kick`.
 */
import { nickKey } from "./nick_rules.ts";
import type { ClientId } from "./room_types.ts";

/** A connected client as the room knows it. */
export interface Member {
  readonly id: ClientId;
  /** `host:port` as the server sees it. */
  readonly address: string;
  readonly since: Date;
  name: string;
  /** Set once the room has asked for the connection to close (/quit, /kick): it says nothing more. */
  leaving?: boolean;
}

/** The room's members, indexed by id and by name. */
export class MemberList implements Iterable<Member> {
  readonly #byId = new Map<ClientId, Member>();
  readonly #byName = new Map<string, Member>();

  /** How many members there are. */
  get size(): number {
    return this.#byId.size;
  }

  /** Adds `member`, whose name must not be taken. */
  add(member: Member): void {
    this.#byId.set(member.id, member);
    this.#byName.set(nickKey(member.name), member);
  }

  /** Removes and returns the member `id`, if present. */
  remove(id: ClientId): Member | undefined {
    const member = this.#byId.get(id);
    if (!member) return undefined;
    this.#byId.delete(id);
    this.#byName.delete(nickKey(member.name));
    return member;
  }

  /** The member `id`, if present. */
  get(id: ClientId): Member | undefined {
    return this.#byId.get(id);
  }

  /** Whether a member is called `name` (ignoring case). */
  hasName(name: string): boolean {
    return this.#byName.has(nickKey(name));
  }

  /** Gives `member` a new name, which must not be taken. */
  rename(member: Member, name: string): void {
    this.#byName.delete(nickKey(member.name));
    member.name = name;
    this.#byName.set(nickKey(name), member);
  }

  /** The member called `target` (ignoring case), or at address `target` (`host:port`). */
  find(target: string): Member | undefined {
    const named = this.#byName.get(nickKey(target));
    if (named) return named;
    for (const member of this.#byId.values()) {
      if (member.address === target) return member;
    }
    return undefined;
  }

  /** The members in order of arrival. */
  [Symbol.iterator](): Iterator<Member> {
    return this.#byId.values();
  }

  /** The first `count` members in order of arrival, skipping `except`. */
  first(count: number, except?: ClientId): Member[] {
    const out: Member[] = [];
    for (const member of this.#byId.values()) {
      if (out.length >= count) break;
      if (member.id !== except) out.push(member);
    }
    return out;
  }
}
