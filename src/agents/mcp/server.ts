// `firebreak mcp`: an MCP server on stdio exposing firebreak_check.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { VERSION } from '../../version.js';
import { checkInput, runCheckTool } from './check-tool.js';

export function buildMcpServer(): McpServer {
  const server = new McpServer({ name: 'firebreak', version: VERSION });
  server.registerTool(
    'firebreak_check',
    {
      title: 'Check planned infrastructure actions',
      description:
        'Before running infrastructure changes (shell/AWS CLI commands, a Terraform plan, CloudFormation templates, AWS API calls), ' +
        'get a verdict (pass / escalate / block), the blast radius, reversibility and a rollback plan. ' +
        'Use it to choose a less destructive path before acting.',
      inputSchema: checkInput,
    },
    (args) => runCheckTool(args),
  );
  return server;
}

export async function serveMcp(): Promise<void> {
  await buildMcpServer().connect(new StdioServerTransport());
}
