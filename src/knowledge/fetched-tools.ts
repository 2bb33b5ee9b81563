// Packages that `npx`, `pnpm dlx`, `bunx`, `uvx` and `pipx run` fetch from a registry and run.
// Code fetched at run time is code nobody read, so it is unknown, unless it is the package of
// a tool Firebreak models (its commands are judged like the installed tool's: `npx cdk destroy`
// is `cdk destroy`). A package is that tool's only if its name is the tool's name or listed
// here: `npx -p evil-pkg prettier` is not prettier.

/** npm package -> the binary Firebreak judges (when the names differ). */
export const NPM_PACKAGE_BINARIES: Readonly<Record<string, string>> = {
  typescript: 'tsc',
  'aws-cdk': 'cdk',
  'cdktf-cli': 'cdktf',
  'netlify-cli': 'netlify',
  'firebase-tools': 'firebase',
  '@biomejs/biome': 'biome',
  '@playwright/test': 'playwright',
  'playwright-chromium': 'playwright',
  'playwright-firefox': 'playwright',
  'playwright-webkit': 'playwright',
  'sequelize-cli': 'sequelize',
  '@railway/cli': 'railway',
  '@vercel/ncc': 'ncc',
  'serverless': 'serverless',
  '@aws-amplify/cli': 'amplify',
  'heroku': 'heroku',
  '@angular/cli': 'ng',
  '@nestjs/cli': 'nest',
  'drizzle-kit': 'drizzle-kit',
  'npm-run-all': 'npm-run-all',
  'npm-run-all2': 'npm-run-all',
  'eslint': 'eslint',
  'prettier': 'prettier',
};

/** Python package -> the binary it provides (uvx / pipx run resolve the package by name). */
export const PYTHON_PACKAGE_BINARIES: Readonly<Record<string, string>> = {
  awscli: 'aws',
  'aws-sam-cli': 'sam',
  'azure-cli': 'az',
  'ansible-core': 'ansible',
  httpie: 'http',
  'pre-commit': 'pre-commit',
  'pip-audit': 'pip-audit',
};
