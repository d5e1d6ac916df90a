import http from 'node:http';
import https from 'node:https';
import type { webApi } from '@slack/bolt';

/** Connections kept open between posts: a pass posts to Slack hundreds of times a second. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * The `fetch` the Slack Web API client calls (its own small interface), over node:http with
 * kept-alive connections. Node 20's built-in fetch costs about three times as much per call, which a
 * pass posting near Slack's limit in a thousand channels feels (about 1,500 against 480 posts a
 * second to a local double). A form body (a file upload, which the scheduler never makes) goes
 * through the built-in fetch.
 */
export const keepAliveFetch: webApi.FetchFunction = (input, init) => {
  const url = new URL(String(input));
  const agent = agents[url.protocol as keyof typeof agents];
  // The client's own default is the built-in fetch (its Headers lack `entries` in Node's types only).
  if (!agent || (init?.body !== undefined && typeof init.body !== 'string')) return fetch(input, init) as unknown as ReturnType<webApi.FetchFunction>;
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: init?.method ?? 'GET', headers: init?.headers, agent, signal: init?.signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve(responseOf(url, response, Buffer.concat(chunks))));
    });
    request.on('error', reject);
    request.end(init?.body);
  });
};

function responseOf(url: URL, response: http.IncomingMessage, body: Buffer): Awaited<ReturnType<webApi.FetchFunction>> {
  const status = response.statusCode ?? 500;
  const header = (name: string) => {
    const value = response.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: response.statusMessage ?? '',
    url: url.toString(),
    headers: { get: header, entries: () => Object.keys(response.headers).map((name): [string, string] => [name, header(name)!]) },
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    text: async () => body.toString('utf8'),
  };
}
