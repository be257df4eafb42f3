/** Tests for `parsePasswd`, the uid → user name table from /etc/passwd. */
import { assertEquals } from "../_helpers/assert.ts";
import { parsePasswd } from "../../src/proc/passwd.ts";

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
# a comment line
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
toor:x:0:0:second root:/root:/bin/sh
+@netgroup::::::

broken-line
`;

Deno.test("parsePasswd() maps each uid to its user name when given /etc/passwd text", () => {
  const names = parsePasswd(PASSWD);
  assertEquals(names.get(0), "root");
  assertEquals(names.get(1), "daemon");
  assertEquals(names.get(1000), "alice");
  assertEquals(names.get(65534), "nobody");
});

Deno.test("parsePasswd() keeps the first name when two lines share a uid", () => {
  assertEquals(parsePasswd(PASSWD).get(0), "root");
});

Deno.test("parsePasswd() skips comments, NIS lines, blanks and broken lines", () => {
  assertEquals([...parsePasswd(PASSWD).keys()].sort((a, b) => a - b), [0, 1, 1000, 65534]);
  assertEquals(parsePasswd("").size, 0);
});
