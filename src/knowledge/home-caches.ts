// Folders in the home folder that hold only what a tool downloads or builds again on its next run:
// a delete inside one loses nothing the tool cannot fetch again (kind's vendored gimme refreshes
// ~/.gimme/versions/known-versions.txt by `rm` then `mv`). Paths relative to the home folder. The
// folder itself is not in it: a delete of a whole cache is judged as any other home folder.
export const HOME_TOOL_CACHES: readonly { path: string; holds: string }[] = [
  { path: '.cache', holds: 'caches by the XDG base-directory convention (data a program can make again)' },
  { path: '.gimme', holds: 'the Go versions gimme downloads, and its lists of them' },
  { path: 'go/pkg/mod/cache', holds: "the Go module download cache" },
  { path: '.npm/_cacache', holds: "npm's download cache" },
  { path: '.cargo/registry', holds: "cargo's registry index and downloaded crates" },
  { path: '.m2/repository', holds: 'the artifacts Maven downloads' },
  { path: '.gradle/caches', holds: "Gradle's caches" },
];
