// Removes credentials from command text before it is stored in a report.
import { SECRET_VARIABLE } from '../../knowledge/shell-commands.js';

const RULES: [RegExp, string][] = [
  [/((?:authorization|proxy-authorization)\s*:\s*(?:bearer|basic|token|bot)?\s*)[^\s'"]+/gi, '$1***'],
  [/((?:x-api-key|api-key|x-auth-token|private-token|x-vault-token|cookie)\s*:\s*)[^'"]+/gi, '$1***'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s'"]+:)[^@\s'"]+@/gi, '$1***@'],
  [/((?:^|\s)(?:-u|--user)[\s=]+['"]?[^:\s'"]*:)[^\s'"]+/g, '$1***'],
  [/((?:^|\s)(?:--password|--token|--api-key|--secret|--auth-token)(?:=|\s+))[^\s'"]+/g, '$1***'],
  [/(\bmysql(?:dump|admin)?\b[^|;&]*?\s-p)[^\s'"]+/g, '$1***'],
  [/([?&](?:token|access_token|api_key|key|password|secret)=)[^&\s'"]+/gi, '$1***'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, repl] of RULES) out = out.replace(re, repl);
  out = out.replace(/\b([A-Za-z_][A-Za-z0-9_]*)=('[^']*'|"[^"]*"|\S+)/g, (all, name: string) =>
    SECRET_VARIABLE.test(name) ? `${name}=***` : all,
  );
  return out;
}
