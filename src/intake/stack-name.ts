/** A stack named after its template file when none is given: `orders-prod.template.yaml` -> `orders-prod`. */
export function stackNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(template\.)?(json|ya?ml|template)$/i, '');
}

/** The stack a --template-before/--template-after pair describes. */
export function templatePairStackName(request: { stackName?: string; templateBefore?: string; templateAfter?: string }): string {
  return request.stackName ?? stackNameFromFile(request.templateAfter ?? request.templateBefore ?? '');
}
