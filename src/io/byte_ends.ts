/** The minimal byte interfaces the piped mode needs, so tests can use in-memory ends. */

/** Something bytes are read from: `null` means end of input. */
export interface ByteSource {
  read(buffer: Uint8Array): Promise<number | null>;
  /**
   * Whether a read would return at once (bytes, or the end, are waiting);
   * absent or undefined when that cannot be known, which counts as "no".
   */
  waiting?(): boolean | undefined;
  /**
   * The next bytes in the source's own buffer, when it has a read under way
   * already (a peeked connection's first read), so an idle reader need not
   * hold a buffer of its own as well; undefined: call `read`.
   */
  takePending?(): Promise<Uint8Array | null> | undefined;
}

/** Something bytes are written to; a write may take only part of the buffer. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<number>;
}

/** A connection whose sending half can be shut down while it is still read. */
export interface HalfClosable extends ByteSource, ByteSink {
  closeWrite(): Promise<void>;
}

/** Writes every byte of `bytes` to `sink`. */
export async function writeAll(sink: ByteSink, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await sink.write(bytes.subarray(written));
  }
}
