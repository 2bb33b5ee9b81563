#!/usr/bin/env bash
# Builds a LocalStack 4.14.0 image from local files and serves podman's Docker-compatible API, so
# that Firebreak's docker provider can run where Docker Hub is out of reach (how it was tested).
# Needs root on Debian 12: podman, runc, debootstrap (apt-get), and `firebreak sandbox install` done.
#   sudo bash sandbox-extension/podman/build-image.sh
#   export DOCKER_HOST=unix:///run/firebreak-podman.sock FIREBREAK_LOCALSTACK_IMAGE=localhost/firebreak-localstack:4.14.0
#   firebreak check --sandbox --sandbox-provider docker ...
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.firebreak/venv/localstack
python_home=$(sed -n 's/^home = //p' "$venv/pyvenv.cfg")      # .../versions/3.13.x/bin
python_root=$(dirname "$python_home")
work=$(mktemp -d)
trap 'umount "$work/rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc debootstrap >/dev/null
debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >/dev/null
cp /etc/resolv.conf "$work/rootfs/etc/resolv.conf"
mount -t proc proc "$work/rootfs/proc"
chroot "$work/rootfs" sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libssl3 libffi8 libsqlite3-0 libbz2-1.0 liblzma5 ca-certificates >/dev/null && apt-get clean'
umount "$work/rootfs/proc"
: > "$work/rootfs/etc/resolv.conf"
mkdir -p "$work/rootfs$(dirname "$python_root")" "$work/rootfs/opt"
cp -a "$python_root" "$work/rootfs$python_root"
cp -a "$venv" "$work/rootfs/opt/localstack-venv"
# The extension is not baked in: the docker provider mounts it (as it does for the official image).
rm -rf "$work/rootfs/opt/localstack-venv/lib/"python3*/site-packages/firebreak_localstack*

conf=/etc/firebreak-podman.conf
printf '[containers]\ndefault_ulimits = []\n[engine]\nruntime = "runc"\n' > "$conf"
export CONTAINERS_CONF=$conf
tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/opt/localstack-venv/bin/python", "-m", "localstack.runtime.main"]' --change 'EXPOSE 4566' --change 'WORKDIR /tmp' - localhost/firebreak-localstack:4.14.0
nohup podman system service --time=0 unix:///run/firebreak-podman.sock >/var/log/firebreak-podman.log 2>&1 &
echo "podman API on unix:///run/firebreak-podman.sock, image localhost/firebreak-localstack:4.14.0"
