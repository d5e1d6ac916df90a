import { ExpressReceiver, type ExpressReceiverOptions } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';
import { checkSlackRequest, mediaTypeOf } from './payloads.js';
import type { Log } from '../../log.js';

/** Bolt's own limit for a request body. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type SlackRequest = Request & { rawBody?: Buffer };

/**
 * Reads the body before Bolt does and hands it over as `req.rawBody` (Bolt verifies the signature
 * on it, as on platforms that pre-read bodies), so that the receiver can tell which form fields were
 * sent; the content type is reduced to its media type, which is what Bolt's parser compares.
 */
export async function keepRawBody(req: SlackRequest, res: Response, next: NextFunction): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        res.status(413).send();
        return;
      }
      chunks.push(chunk);
    }
  } catch {
    res.status(400).send();
    return;
  }
  req.rawBody = Buffer.concat(chunks);
  req.headers['content-type'] = mediaTypeOf(req.headers['content-type']);
  next();
}

/**
 * Bolt's ExpressReceiver, with every signed request checked against what Slack sends
 * (payloads.ts) before Bolt dispatches it: a malformed one is answered 400 (or 200 with nothing
 * done) instead of reaching a handler and failing there with a 500.
 */
export class CheckedExpressReceiver extends ExpressReceiver {
  constructor(options: ExpressReceiverOptions, private readonly log: Log) {
    super(options);
  }

  override async requestHandler(req: SlackRequest, res: Response): Promise<void> {
    const mediaType = mediaTypeOf(req.headers['content-type']);
    const form = mediaType === 'application/x-www-form-urlencoded' && req.rawBody ? new URLSearchParams(req.rawBody.toString()) : null;
    const verdict = checkSlackRequest(mediaType, form, req.body);
    if (verdict.ok) return super.requestHandler(req, res);
    this.log(`slack: ${verdict.status === 200 ? 'ignored' : 'refused'} a signed request: ${verdict.reason}`, verdict.status === 200 ? 'info' : 'warn');
    res.status(verdict.status).send();
  }
}
