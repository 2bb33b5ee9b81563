// Real HCL parsing of the files a change touches, with @cdktf/hcl2json (Go compiled to WASM,
// ~0.5 s to load: imported only when a .tf file changed).

export type HclJson = Record<string, unknown>;

export type ParsedFile = { ok: true; json: HclJson } | { ok: false; reason: string };

let loader: Promise<typeof import('@cdktf/hcl2json')> | undefined;

export async function parseHcl(file: string, text: string): Promise<ParsedFile> {
  loader ??= import('@cdktf/hcl2json');
  const { parse } = await loader;
  try {
    return { ok: true, json: (await parse(file, text)) as HclJson };
  } catch (error) {
    return { ok: false, reason: cleanReason(error instanceof Error ? error.message : String(error)) };
  }
}

function cleanReason(message: string): string {
  return message.replace(/^Error:\s*/, '').replace(/^parse config:\s*\[?/, '').replace(/\]$/, '').trim();
}
