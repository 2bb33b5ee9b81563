// Programs a project builds and then runs by their output path (`./bin/flux check`,
// `target/debug/uv --version`), as data for src/intake/shell/runners/build-products.ts.

/**
 * Tools Firebreak models whose own repository builds them: a main package of the tool's upstream
 * module (go.mod's `module` line, any /vN suffix) built into any path is that tool, and its
 * arguments are judged by the tool's model (`./bin/flux install` as `flux install`). Only the
 * main package named here counts: the repository's other programs are its code, read as `go run`.
 */
export interface BuiltTool {
  /** The module path without a major-version suffix. */
  module: string;
  /** The main package's folder in the module ('.' for the module's root). */
  pkg: string;
  /** The name Firebreak's models know the tool by. */
  tool: string;
}

export const GO_BUILT_TOOLS: readonly BuiltTool[] = [
  { module: 'github.com/fluxcd/flux2', pkg: 'cmd/flux', tool: 'flux' },
  { module: 'github.com/cli/cli', pkg: 'cmd/gh', tool: 'gh' },
  { module: 'helm.sh/helm', pkg: 'cmd/helm', tool: 'helm' },
  { module: 'github.com/digitalocean/doctl', pkg: 'cmd/doctl', tool: 'doctl' },
  { module: 'github.com/hashicorp/terraform', pkg: '.', tool: 'terraform' },
  { module: 'github.com/opentofu/opentofu', pkg: 'cmd/tofu', tool: 'tofu' },
  { module: 'github.com/goreleaser/goreleaser', pkg: '.', tool: 'goreleaser' },
  { module: 'github.com/restic/restic', pkg: 'cmd/restic', tool: 'restic' },
  { module: 'github.com/hashicorp/vault', pkg: '.', tool: 'vault' },
  { module: 'github.com/hashicorp/consul', pkg: '.', tool: 'consul' },
  { module: 'github.com/hashicorp/nomad', pkg: '.', tool: 'nomad' },
  { module: 'github.com/rclone/rclone', pkg: '.', tool: 'rclone' },
  { module: 'github.com/sigstore/cosign', pkg: 'cmd/cosign', tool: 'cosign' },
  { module: 'github.com/vmware-tanzu/velero', pkg: 'cmd/velero', tool: 'velero' },
  { module: 'github.com/GoogleContainerTools/skaffold', pkg: 'cmd/skaffold', tool: 'skaffold' },
  { module: 'github.com/tektoncd/cli', pkg: 'cmd/tkn', tool: 'tkn' },
  { module: 'k8s.io/kops', pkg: 'cmd/kops', tool: 'kops' },
  { module: 'sigs.k8s.io/cluster-api', pkg: 'cmd/clusterctl', tool: 'clusterctl' },
  { module: 'github.com/siderolabs/talos', pkg: 'cmd/talosctl', tool: 'talosctl' },
  { module: 'github.com/cilium/cilium-cli', pkg: 'cmd/cilium', tool: 'cilium' },
  { module: 'knative.dev/client', pkg: 'cmd/kn', tool: 'kn' },
  { module: 'istio.io/istio', pkg: 'istioctl/cmd/istioctl', tool: 'istioctl' },
  { module: 'k8s.io/kubernetes', pkg: 'cmd/kubectl', tool: 'kubectl' },
  { module: 'github.com/weaveworks/eksctl', pkg: 'cmd/eksctl', tool: 'eksctl' },
  { module: 'github.com/cloudflare/cloudflared', pkg: 'cmd/cloudflared', tool: 'cloudflared' },
  { module: 'tailscale.com', pkg: 'cmd/tailscale', tool: 'tailscale' },
  { module: 'github.com/pulumi/pulumi/pkg', pkg: 'cmd/pulumi', tool: 'pulumi' },
  { module: 'github.com/superfly/flyctl', pkg: '.', tool: 'flyctl' },
];

/** Folders of a Go module where a build of one of its main packages is found by default: the
 *  module's root (`go build ./cmd/app` run there) and bin/ (the Makefile convention). */
export const GO_DEFAULT_OUTPUT_FOLDERS: readonly string[] = ['.', 'bin'];

/** `go build` flags that take the next word as their value. */
export const GO_BUILD_VALUE_FLAGS: ReadonlySet<string> = new Set([
  '-C', '-p', '-o', '-asmflags', '-buildmode', '-buildvcs', '-compiler', '-gccgoflags', '-gcflags', '-installsuffix', '-ldflags', '-mod',
  '-modfile', '-overlay', '-pgo', '-pkgdir', '-tags', '-toolexec', '-exec', '-coverpkg', '-covermode',
]);

/** `go build` flags after which the program is not the package as written: another program runs on
 *  what is built (-toolexec), other files or another go.mod are built (-overlay, -modfile), or the
 *  output is not a program (-buildmode). Such a build's output stays unknown. */
export const GO_BUILD_NOT_AS_WRITTEN: ReadonlySet<string> = new Set(['-toolexec', '-exec', '-overlay', '-modfile', '-buildmode', '-vettool']);

/** cargo's profile folders under target/: `--release` builds into release, the dev profile into debug. */
export const CARGO_PROFILE_FOLDERS: Readonly<Record<string, string>> = { dev: 'debug', test: 'debug', release: 'release', bench: 'release' };

/** A target triple folder (`target/x86_64-unknown-linux-gnu/release/x`). */
export const TARGET_TRIPLE = /^[a-z0-9_]+(-[a-z0-9_.]+){2,3}$/;

/** The most source files looked at to show a binary is newer than its sources (past this: unknown). */
export const MAX_SOURCES_CHECKED = 20_000;
