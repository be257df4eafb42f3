/**
 * Test fixtures for the chat server: a raw TCP client that collects every line
 * it receives, and an in-process server on a port picked by the kernel.
 */
import { ConnectionGate } from "../../src/gate/connection_gate.ts";
import { Room, type RoomOptions } from "../../src/room/room.ts";
import { runServerSession, type ServerSessionOptions } from "../../src/server/server_session.ts";
import { utf8 } from "./bytes.ts";
import { waitFor, withDeadline } from "./deadline.ts";
import { FakeConsole } from "./fake_console.ts";

/** The gate `tp1 serve` passes newcomers through with no --tls, rules or --password. */
export function openGate(log: (line: string) => void): ConnectionGate {
  return new ConnectionGate({ access: { allow: [], deny: [] } }, log);
}

/** A client that reads everything the server sends, as lines. */
export class ChatClient implements AsyncDisposable {
  readonly conn: Deno.TcpConn;
  /** How the server's side ended: "eof", or "reset" (or another error name). */
  readonly ended: Promise<string>;
  #text = "";
  #closed = false;

  private constructor(conn: Deno.TcpConn) {
    this.conn = conn;
    this.ended = this.#read();
  }

  /** Connects to `port` on 127.0.0.1. */
  static async connect(port: number): Promise<ChatClient> {
    return new ChatClient(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Every complete line received so far. */
  get lines(): string[] {
    return this.#text.split("\n").slice(0, -1);
  }

  /** Everything received so far. */
  get text(): string {
    return this.#text;
  }

  /** Sends text (as UTF-8) or bytes, as they are. */
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === "string" ? utf8(data) : data;
    for (let at = 0; at < bytes.length;) at += await this.conn.write(bytes.subarray(at));
  }

  /** Waits for a received line equal to (or matching) `expected`; returns it. */
  waitForLine(expected: string | RegExp, ms?: number): Promise<string> {
    const matches = (line: string) =>
      typeof expected === "string" ? line === expected : expected.test(line);
    return waitFor(
      () => this.lines.find(matches),
      () => `a line matching ${expected}; received ${JSON.stringify(this.#text.slice(-2000))}`,
      ms,
    );
  }

  /** Waits until the server closes the connection; resolves to "eof" or the error's name. */
  waitForEnd(ms?: number): Promise<string> {
    return withDeadline(
      this.ended,
      `the server to close; received ${JSON.stringify(this.#text)}`,
      ms,
    );
  }

  /** Closes the connection (a clean close when everything sent to us was read). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.conn.close();
    } catch {
      // Already closed.
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.ended;
  }

  async #read(): Promise<string> {
    const decoder = new TextDecoder();
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await this.conn.read(buffer);
        if (n === null) return "eof";
        this.#text += decoder.decode(buffer.subarray(0, n), { stream: true });
      }
    } catch (error) {
      if (this.#closed) return "closed";
      return error instanceof Error ? error.name : String(error);
    }
  }
}

/**
 * An in-process server on 127.0.0.1 with a fake operator console: the one
 * `runServerSession` fixture (chat mode unless `roomOptions` say otherwise).
 */
export class TestServer implements AsyncDisposable {
  /** The operator's screen (each shown line apart: the server shows lines in batches). */
  readonly console = new FakeConsole();
  readonly port: number;
  readonly done: Promise<number>;

  constructor(
    options: Partial<ServerSessionOptions> = {},
    roomOptions: RoomOptions = { mode: "chat" },
  ) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.port = listener.addr.port;
    this.done = runServerSession(listener, new Room(roomOptions), this.console, {
      once: false,
      lineEnding: "\n",
      gate: openGate((line) => this.console.show(line)),
      ...options,
    });
  }

  /** Connects a client and waits until the room has welcomed it (in chat mode). */
  async join(): Promise<ChatClient> {
    const client = await ChatClient.connect(this.port);
    await client.waitForLine("* /nick NAME changes your name, /help lists the commands");
    return client;
  }

  /** The operator ends the session; resolves when the server has closed everything. */
  async stop(): Promise<number> {
    this.console.leave("exit");
    return await withDeadline(this.done, "the server session to end");
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
