/**
 * A real terminal for interactive tests: a private tmux server (its own socket,
 * so the user's sessions are untouched) running one command in one pane that
 * the test types into and reads the screen of.
 */
import { DEFAULT_DEADLINE_MS, waitFor } from "./deadline.ts";
import { fixturePath } from "./fixtures.ts";

/**
 * A socket name no other tmux server uses. Under `deno test --parallel` every
 * test file runs in the same process (one pid) with its own module state, so
 * neither the pid nor a counter is unique on its own: a random part is.
 */
function uniqueSocketName(): string {
  return `tp1-test-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Options for {@linkcode TmuxPane.start}. */
export interface TmuxOptions {
  readonly cwd?: string;
  readonly width?: number;
  readonly height?: number;
}

/** One pane of a private tmux server. */
export class TmuxPane implements AsyncDisposable {
  readonly #socket: string;
  #socketPath: string | undefined;

  private constructor(socket: string) {
    this.#socket = socket;
  }

  /** Starts `command` in a fresh terminal of `width` x `height` cells. */
  static async start(command: readonly string[], options: TmuxOptions = {}): Promise<TmuxPane> {
    const pane = new TmuxPane(uniqueSocketName());
    await pane.#tmux([
      "-f",
      fixturePath("tmux.conf"),
      "new-session",
      "-d",
      "-x",
      String(options.width ?? 100),
      "-y",
      String(options.height ?? 30),
      ...(options.cwd ? ["-c", options.cwd] : []),
      "--",
      // tmux 3.3 sometimes marks a pane dead without reaping its command (no
      // status), so a wrapper shell prints the status on the screen instead.
      "sh",
      "-c",
      '"$@"; status=$?; printf "\\n[exit status %s]\\n" "$status"',
      "sh",
      ...command,
    ]);
    try {
      pane.#socketPath = (await pane.#tmux(["display-message", "-p", "#{socket_path}"])).trim();
    } catch (error) {
      // The server started: it must not outlive a start that failed half-way.
      await pane[Symbol.asyncDispose]();
      throw error;
    }
    return pane;
  }

  /** The visible screen, one string with a line per row (trailing blanks trimmed). */
  async screen(): Promise<string> {
    const text = await this.#tmux(["capture-pane", "-p"]);
    return text.split("\n").map((row) => row.trimEnd()).join("\n").trimEnd();
  }

  /** Types `text` literally (no key names). */
  async type(text: string): Promise<void> {
    await this.#tmux(["send-keys", "-l", text]);
  }

  /**
   * Pastes `text` as a terminal does: in one piece, wrapped in bracketed-paste
   * markers when the program asked for them.
   */
  async paste(text: string): Promise<void> {
    await this.#tmux(["set-buffer", "-b", "tp1-paste", "--", text]);
    await this.#tmux(["paste-buffer", "-p", "-d", "-b", "tp1-paste"]);
  }

  /** Appends from now on everything the program writes to its terminal to the file at `path`. */
  async recordOutput(path: string): Promise<void> {
    await this.#tmux(["pipe-pane", "-O", `cat >> '${path}'`]);
  }

  /** Presses keys by tmux name: "Enter", "C-d", "C-c", "C-u". */
  async press(...keys: string[]): Promise<void> {
    await this.#tmux(["send-keys", ...keys]);
  }

  /** Waits until the screen matches; returns the screen. */
  async waitForScreen(
    expected: string | RegExp | ((screen: string) => boolean),
    ms = DEFAULT_DEADLINE_MS,
  ): Promise<string> {
    const matches = (screen: string) =>
      typeof expected === "string"
        ? screen.includes(expected)
        : expected instanceof RegExp
        ? expected.test(screen)
        : expected(screen);
    let last = "";
    return await waitFor(
      async () => {
        last = await this.screen();
        return matches(last) ? last : undefined;
      },
      () => `the terminal to show ${expected}; the screen was:\n${last}`,
      ms,
    );
  }

  /** The process id of the command (the child of the pane's wrapper shell). */
  async commandPid(): Promise<number> {
    const shell = (await this.#tmux(["display-message", "-p", "#{pane_pid}"])).trim();
    const children = await Deno.readTextFile(`/proc/${shell}/task/${shell}/children`);
    return Number(children.trim().split(" ")[0]);
  }

  /** Waits for the command to exit; resolves to its exit status. */
  async exitStatus(ms = DEFAULT_DEADLINE_MS): Promise<number> {
    const screen = await this.waitForScreen(/\[exit status \d+\]/, ms);
    return Number(/\[exit status (\d+)\]/.exec(screen)![1]);
  }

  /** Stops the tmux server and whatever still runs in it, and removes its socket. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#tmux(["kill-server"]).catch(() => undefined);
    // A killed tmux server leaves its socket file behind.
    if (this.#socketPath) await Deno.remove(this.#socketPath).catch(() => undefined);
  }

  async #tmux(args: string[]): Promise<string> {
    const { code, stdout, stderr } = await new Deno.Command("tmux", {
      args: ["-L", this.#socket, ...args],
      stdin: "null",
    }).output();
    if (code !== 0) {
      throw new Error(`tmux ${args.join(" ")} failed: ${new TextDecoder().decode(stderr)}`);
    }
    return new TextDecoder().decode(stdout);
  }
}
