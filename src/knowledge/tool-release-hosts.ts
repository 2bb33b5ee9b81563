// Where the tools Firebreak judges by name publish their releases. A download put on PATH under such a
// name (`curl -Lo ~/.local/bin/kubectl URL`) runs in the tool's place for every later command, which is
// judged as that tool: only a download from the tool's own release address is taken to be it.
// Each entry is a URL prefix (scheme left off); a GitHub project's releases are named with their owner.

export const TOOL_RELEASE_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  kubectl: ['dl.k8s.io/', 'cdn.dl.k8s.io/', 'storage.googleapis.com/kubernetes-release/'],
  kind: ['kind.sigs.k8s.io/', 'github.com/kubernetes-sigs/kind/'],
  helm: ['get.helm.sh/'],
  terraform: ['releases.hashicorp.com/terraform/'],
  packer: ['releases.hashicorp.com/packer/'],
  vault: ['releases.hashicorp.com/vault/'],
  consul: ['releases.hashicorp.com/consul/'],
  nomad: ['releases.hashicorp.com/nomad/'],
  tofu: ['github.com/opentofu/opentofu/'],
  terragrunt: ['github.com/gruntwork-io/terragrunt/'],
  'cloud-nuke': ['github.com/gruntwork-io/cloud-nuke/'],
  eksctl: ['github.com/eksctl-io/eksctl/', 'github.com/weaveworks/eksctl/'],
  mc: ['dl.min.io/client/', 'dl.minio.io/client/'],
  'golangci-lint': ['github.com/golangci/golangci-lint/'],
  gh: ['github.com/cli/cli/'],
  jq: ['github.com/jqlang/jq/', 'github.com/stedolan/jq/'],
  yq: ['github.com/mikefarah/yq/'],
  'docker-compose': ['github.com/docker/compose/'],
  kustomize: ['github.com/kubernetes-sigs/kustomize/'],
  argocd: ['github.com/argoproj/argo-cd/'],
  flux: ['github.com/fluxcd/flux2/'],
  skaffold: ['storage.googleapis.com/skaffold/', 'github.com/GoogleContainerTools/skaffold/'],
  minikube: ['storage.googleapis.com/minikube/', 'github.com/kubernetes/minikube/'],
  pulumi: ['get.pulumi.com/', 'github.com/pulumi/pulumi/'],
  flyctl: ['github.com/superfly/flyctl/'],
  doctl: ['github.com/digitalocean/doctl/'],
  tflint: ['github.com/terraform-linters/tflint/'],
  hadolint: ['github.com/hadolint/hadolint/'],
  shellcheck: ['github.com/koalaman/shellcheck/'],
  'aws-iam-authenticator': ['github.com/kubernetes-sigs/aws-iam-authenticator/'],
  'docker-credential-ecr-login': ['amazon-ecr-credential-helper-releases.s3.us-east-2.amazonaws.com/'],
  rclone: ['downloads.rclone.org/', 'github.com/rclone/rclone/'],
};
