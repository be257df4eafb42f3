/**
 * A raw TCP client, like `nc`, that can choose its source address: 127.0.0.2
 * and 127.0.0.3 reach a server on 127.0.0.1 as distinct clients, which
 * `Deno.connect` cannot do (it has no local address option), so this is built
 * on `node:net`'s `localAddress`. It collects what the server sends, as text.
 */
import * as net from "node:net";
import { waitFor, withDeadline } from "./deadline.ts";

/** Where to connect, and from which local address. */
export interface SourceClientOptions {
  readonly port: number;
  /** The server's address (default 127.0.0.1). */
  readonly host?: string;
  /** The client's own address: 127.0.0.2, ::1… (default: chosen by the kernel). */
  readonly from?: string;
}

/** One connection; the server's bytes are collected as text. */
export class SourceClient implements AsyncDisposable {
  readonly #socket: net.Socket;
  readonly #closed: Promise<void>;
  readonly #ended: Promise<void>;
  #text = "";

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.#text += chunk);
    this.#closed = new Promise((resolve) => socket.once("close", () => resolve()));
    // "end" is the server's end of stream; "close" covers a reset as well.
    this.#ended = new Promise((resolve) => {
      socket.once("end", () => resolve());
      socket.once("close", () => resolve());
    });
    // A reset must not become an uncaught error; the test sees it as an end.
    socket.on("error", () => undefined);
  }

  /** Connects; rejects when the connection cannot be made. */
  static async connect(
    { port, host = "127.0.0.1", from }: SourceClientOptions,
  ): Promise<SourceClient> {
    // Half-open like nc: the server's end of stream does not end our sending half.
    const socket = net.connect({ host, port, localAddress: from, allowHalfOpen: true });
    await withDeadline(
      new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("error", reject);
      }),
      `a connection to ${host} port ${port} from ${from ?? "any address"}`,
    );
    return new SourceClient(socket);
  }

  /** The client's own address, as the server sees it. */
  get localAddress(): string {
    return this.#socket.localAddress ?? "";
  }

  /** Everything received so far. */
  get text(): string {
    return this.#text;
  }

  /** Every complete line received so far. */
  get lines(): string[] {
    return this.#text.split("\n").slice(0, -1);
  }

  /** Sends `data` (text as UTF-8). */
  write(data: string | Uint8Array): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#socket.write(data, (error) => error ? reject(error) : resolve())
    );
  }

  /** Shuts down the sending half (like `nc -N` at end of input); reading goes on. */
  end(): void {
    this.#socket.end();
  }

  /** Waits until the received text contains `expected`; returns the text. */
  waitForText(expected: string | RegExp, ms?: number): Promise<string> {
    const matches = () =>
      typeof expected === "string" ? this.#text.includes(expected) : expected.test(this.#text);
    return waitFor(
      () => matches() ? this.#text : undefined,
      () => `${expected} from the server; received ${JSON.stringify(this.#text)}`,
      ms,
    );
  }

  /** Waits until the server ends the connection; returns everything received. */
  async waitForEnd(ms?: number): Promise<string> {
    await withDeadline(
      this.#ended,
      `the server to close the connection; received ${JSON.stringify(this.#text)}`,
      ms,
    );
    return this.#text;
  }

  /** Closes the connection and waits until its socket is released. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#socket.destroy();
    await this.#closed;
  }
}
