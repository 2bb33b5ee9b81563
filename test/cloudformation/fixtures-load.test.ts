import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseTemplate, readTemplate } from '../../src/intake/cloudformation/index.js';

const ROOT = '/work/shared/fixtures/public/cloudformation';

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templates(path);
    return /\.(ya?ml|json|template)$/i.test(name) ? [path] : [];
  });
}

/**
 * Templates that use Rain pre-processor directives (`!Rain::Module`, `!Rain::Embed`): not
 * deployable CloudFormation until `rain pkg` rewrites them (the `-pkg.yaml` twins load).
 */
const RAIN_DIRECTIVE_FILES = [
  'APIGateway/apigateway_lambda_integration.yaml',
  'CloudFormation/MacrosExamples/DateFunctions/date.yaml',
  'CloudFormation/MacrosExamples/PyPlate/python.yaml',
  'CloudFormation/MacrosExamples/StringFunctions/string.yaml',
  'CloudFormation/StackSets/common-resources-stackset.yaml',
  'CloudFormation/StackSets/common-resources.yaml',
  'CloudFormation/StackSets/log-setup-management.yaml',
  'ElastiCache/Elasticache-snapshot.yaml',
  'IoT/amzn2-greengrass-cfn.yaml',
  'Solutions/GitLab/GitLabServer.yaml',
  'Solutions/GitLabAndVSCode/GitLabAndVSCode.yaml',
  'Solutions/Gitea/Gitea.yaml',
  'Solutions/VSCode/VSCodeServer.yaml',
];

describe('every public CloudFormation fixture', () => {
  const files = templates(ROOT);

  it('loads, or fails with an InputError naming the file', () => {
    const loaded: string[] = [];
    const failed: { file: string; error: string }[] = [];
    for (const path of files) {
      const file = relative(ROOT, path);
      try {
        const text = readFileSync(path, 'utf8');
        const result = readTemplate(text, file, 'stack');
        // With default parameters a template may deploy nothing: every resource is conditional and off.
        const conditional = parseTemplate(text, file).resources.every((r) => r.condition !== undefined);
        if (!conditional) expect(result.world!.resources.length, file).toBeGreaterThan(0);
        loaded.push(file);
      } catch (e) {
        expect(e, `${file}: ${String(e)}`).toBeInstanceOf(InputError);
        expect((e as InputError).file).toBe(file);
        failed.push({ file, error: (e as InputError).describe() });
      }
    }
    console.log(`loaded ${loaded.length} of ${files.length}; failures:\n${failed.map((f) => `  ${f.error}`).join('\n')}`);
    expect(files.length).toBeGreaterThan(130);
    expect(failed.map((f) => f.file).sort()).toEqual([...RAIN_DIRECTIVE_FILES].sort());
    for (const f of failed) expect(f.error).toMatch(/^.+: line \d+, column \d+: unknown YAML tag !Rain::(Module|Embed)/);
    expect(loaded.length).toBe(files.length - RAIN_DIRECTIVE_FILES.length);
  });
});
