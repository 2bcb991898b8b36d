import { parseArgs } from 'node:util';
import {
  API_FORMATS,
  type ApiFormat,
  isApiFormat,
  parseSse,
  serializeSse,
  type TranslateResult,
  translateRequest,
  translateResponse,
  translateStream,
} from '@tollway/core';
import { type CommandIo, readAllText } from '../io.js';

export const TRANSLATE_HELP = `Usage: tollway translate --from FORMAT --to FORMAT [--kind request|response|stream] [--json] [FILE]

Translates an LLM API body between formats. Reads FILE, or standard input when FILE is
omitted or "-". Formats: ${API_FORMATS.join(', ')}.

  --kind request    a request body (JSON), the default
  --kind response   a whole response body (JSON)
  --kind stream     a server-sent event stream (the text "curl -N" prints); output is SSE text
  --json            print {"ok", "body", "warnings"} or {"ok": false, "error"} as one JSON object

Warnings (what the target format cannot carry) go to standard error. Exit status 1 on bad input.

Examples:
  curl -s ... | tollway translate --from openai-chat --to anthropic-messages
  tollway translate --from anthropic-messages --to openai-responses --kind stream recorded.sse
`;

/** `tollway translate`: returns the exit code. */
export async function translateCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      kind: { type: 'string', default: 'request' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(TRANSLATE_HELP);
    return 0;
  }
  const from = values.from;
  const to = values.to;
  if (!isApiFormat(from) || !isApiFormat(to)) {
    io.stderr.write(`tollway translate: --from and --to must each be one of: ${API_FORMATS.join(', ')}\n`);
    return 2;
  }
  if (!['request', 'response', 'stream'].includes(values.kind)) {
    io.stderr.write('tollway translate: --kind must be request, response or stream\n');
    return 2;
  }
  const text = await readAllText(io, positionals[0]);
  if (values.kind === 'stream') {
    for await (const event of translateStream({ from, to, events: parseSse([text]) })) {
      io.stdout.write(serializeSse(event));
    }
    return 0;
  }
  const translate = values.kind === 'request' ? translateRequest : translateResponse;
  return printResult(translate({ from, to, body: text }), values.json, from, to, io);
}

function printResult(
  result: TranslateResult<string>,
  json: boolean,
  from: ApiFormat,
  to: ApiFormat,
  io: CommandIo,
): number {
  if (json) {
    const out = result.ok
      ? { ok: true, body: JSON.parse(result.body), warnings: result.warnings }
      : {
          ok: false,
          error: { code: result.error.code, message: result.error.message, param: result.error.param },
        };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  for (const w of result.warnings) io.stderr.write(`warning (${w.code}) ${w.path}: ${w.message}\n`);
  if (!result.ok) {
    io.stderr.write(`tollway translate: ${from} → ${to}: ${result.error.message}\n`);
    return 1;
  }
  io.stdout.write(`${JSON.stringify(JSON.parse(result.body), null, 2)}\n`);
  return 0;
}
