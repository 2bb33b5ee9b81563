// Which changed files matter to the gate, by path (content checks come later, per kind).

export type ChangeKind = 'terraform' | 'template' | 'script' | 'makefile' | 'package-json' | 'workflow';

const TEMPLATE = /\.(json|ya?ml|template)$/i;

export function classifyPath(path: string): ChangeKind | undefined {
  const name = path.split('/').pop() ?? path;
  if (/\.tf$/i.test(name)) return 'terraform';
  if (/^(GNU)?makefile$/i.test(name) || /\.mk$/i.test(name)) return 'makefile';
  if (name === 'package.json') return 'package-json';
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path) || name === '.gitlab-ci.yml' || /^buildspec\.ya?ml$/i.test(name)) return 'workflow';
  if (/\.(sh|bash|zsh|ksh)$/i.test(name)) return 'script';
  if (TEMPLATE.test(name) && !/(^|\/)(node_modules|\.terraform)\//.test(path) && !/(package-lock|tsconfig|\.tfstate)/i.test(name)) return 'template';
  return undefined;
}

/** A template-like file really is a CloudFormation / SAM template (or a cdk.out synthesised one). */
export function looksLikeTemplate(text: string | undefined): boolean {
  if (!text) return false;
  const head = text.trimStart();
  if (head.startsWith('{')) return /"Resources"\s*:/.test(text) && (/"AWSTemplateFormatVersion"/.test(text) || /"Type"\s*:\s*"(AWS|Custom|Alexa)::/.test(text));
  return /^Resources\s*:/m.test(text) && (/^AWSTemplateFormatVersion\s*:/m.test(text) || /Type\s*:\s*['"]?(AWS|Custom)::/.test(text));
}

/** A file without a known extension is still a script when it starts with a shell shebang. */
export function hasShellShebang(text: string | undefined): boolean {
  return !!text && /^#!\s*\S*\b(ba|z|k|da)?sh\b/.test(text);
}
