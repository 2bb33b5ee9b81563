import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/config/glob.js';

describe('globMatch', () => {
  it.each([
    ['prod-*', 'prod-admin', true],
    ['prod-*', 'preprod-admin', false],
    ['AWS::RDS::*', 'AWS::RDS::DBInstance', true],
    ['AWS::RDS::*', 'AWS::EC2::Instance', false],
    ['aws_db_*', 'aws_db_instance', true],
    ['module.prod.*', 'module.prod.aws_vpc.main', true],
    ['https://api.example.com/*', 'https://api.example.com/v1/volumes', true],
    ['*.prod.db.internal', 'orders.prod.db.internal', true],
    ['*.prod.db.internal', 'orders.prod.db.internal.evil.com', false],
    ['prod', 'PROD', true],
    ['prod', 'production', false],
    ['db?', 'db1', true],
    ['db?', 'db12', false],
    ['{dev,test}-*', 'test-1', true],
    ['{dev,test}-*', 'prod-1', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['{unclosed', '{unclosed', true],
  ])('%s vs %s -> %s', (glob, value, expected) => {
    expect(globMatch(glob, value)).toBe(expected);
  });
});
