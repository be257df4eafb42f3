/** Paths of the test fixtures (`tests/fixtures/`), for subprocesses. */

/** The absolute path of fixture `name`. */
export function fixturePath(name: string): string {
  return decodeURIComponent(new URL(`../fixtures/${name}`, import.meta.url).pathname);
}
