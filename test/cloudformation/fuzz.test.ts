import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseTemplate, readChangeSet, readTemplate } from '../../src/intake/cloudformation/index.js';
import { fixture } from './helpers.js';

/** A result, or an InputError naming the file: never any other exception. */
function resultOrInputError(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.file).toBe('fuzz.yaml');
  }
}

const seeds = [
  fixture('RDS/RDS_MySQL_With_Read_Replica.yaml').text,
  fixture('VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml').text,
  fixture('CloudFormation/fn-foreach-s3-outputs.yaml').text,
  JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } } } }, null, 2),
];
const tags = ['!Ref', '!GetAtt', '!Sub', '!If', '!Join', '!Select', '!Rain::Embed', '!!str', '!Foo', '&a', '*a', '*zz', '---', '{', '[', ':', '- ', '\t', '"', "'"];

describe('template reader fuzz', () => {
  it('truncated real templates', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.double({ min: 0, max: 1, noNaN: true }), (text, cut) => {
        resultOrInputError(() => readTemplate(text.slice(0, Math.floor(text.length * cut)), 'fuzz.yaml', 's'));
      }),
      { numRuns: 300 },
    );
  });

  it('real templates with random YAML syntax spliced in', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(), fc.array(fc.oneof(fc.constantFrom(...tags), fc.string()), { maxLength: 4 }), (text, at, junk) => {
        const i = at % (text.length + 1);
        resultOrInputError(() => readTemplate(text.slice(0, i) + junk.join(' ') + text.slice(i), 'fuzz.yaml', 's'));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary strings and JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ Resources: v }))), (text) => {
        resultOrInputError(() => parseTemplate(text, 'fuzz.yaml'));
      }),
      { numRuns: 500 },
    );
  });

  it('change sets with arbitrary shapes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (changes) => {
        try {
          readChangeSet(JSON.stringify({ StackName: 's', Changes: changes }), 'cs.json');
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
