import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CommonErrors, DomainError } from '../../platform/errors';
import { depsOf } from '../../platform/http/context';
import { errorHandler } from '../../platform/http/problem';
import { ANY_STAFF } from '../../platform/http/route-auth';
import { errorResponses } from '../../platform/http/schemas';
import {
  contentDisposition,
  DEFAULT_EVIDENCE_MAX_BYTES,
  downloadName,
  evidenceTooLarge,
} from './evidence-content';
import {
  EVIDENCE_CONTENT_TYPES,
  evidenceItem,
  evidenceParams,
  evidenceUploadQuery,
  refundRequestIdParam,
} from './refunds.schemas';
import { addRefundEvidence } from './use-cases/add-refund-evidence';
import { getRefundEvidence } from './use-cases/get-refund-evidence';

const TAGS = ['refunds'];

/**
 * What a downloaded file may do in the browser: nothing. No script, no style, no plugin, no
 * frame, sandboxed even when opened inline, and never sniffed as something else.
 */
const DOWNLOAD_CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

// Evidence arrives as the file's bytes (application/octet-stream) with its name in ?name=; the
// app has no multipart parser, and a single file per request keeps the limits simple. Its own
// plugin, so the binary parser and the larger body limit apply to the upload route only.
export async function refundEvidenceRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const maxBytes = root.ctx.config.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  root.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/api/refund-requests/:id/evidence', {
    config: { auth: ANY_STAFF },
    bodyLimit: maxBytes,
    // a body over the limit is refused by the parser before the route runs: say so in its words
    errorHandler: (error: FastifyError, request, reply) =>
      errorHandler(
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (evidenceTooLarge(maxBytes) as never) : error,
        request,
        reply,
      ),
    schema: {
      operationId: 'addRefundEvidence',
      tags: TAGS,
      summary:
        'Attach a file (PNG, JPEG, WebP, GIF or PDF, checked by its content) to a refund request: send its bytes as application/octet-stream',
      params: refundRequestIdParam,
      querystring: evidenceUploadQuery,
      response: { 201: evidenceItem, ...errorResponses },
    },
    handler: async (request, reply) => {
      const body = request.body;
      // JSON or text was parsed as such: the file's bytes come as application/octet-stream only
      if (body !== undefined && body !== null && !Buffer.isBuffer(body))
        throw new DomainError(
          CommonErrors.UNSUPPORTED_MEDIA_TYPE,
          "Send the file's bytes as application/octet-stream",
          { field: 'headers.content-type' },
        );
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      const item = await addRefundEvidence(depsOf(root, request), {
        requestId: request.params.id,
        fileName: request.query.name,
        bytes,
      });
      return reply.code(201).send(item);
    },
  });

  app.get('/api/refund-requests/:id/evidence/:evidenceId', {
    config: { auth: ANY_STAFF },
    schema: {
      operationId: 'getRefundEvidence',
      tags: TAGS,
      summary:
        'Download one evidence file (staff only): served as the type its bytes are, images inline, PDF as an attachment',
      params: evidenceParams,
      response: {
        200: {
          description: "the file's bytes, as the type they are",
          content: Object.fromEntries(
            EVIDENCE_CONTENT_TYPES.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
          ),
        },
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const file = await getRefundEvidence(depsOf(root, request), {
        requestId: request.params.id,
        evidenceId: request.params.evidenceId,
      });
      const kind = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          contentDisposition(kind, downloadName(file.fileName, file.contentType)),
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', DOWNLOAD_CSP)
        .header('cache-control', 'private, no-store')
        .header('etag', `"${file.sha256}"`)
        .send(file.content as never);
    },
  });
}
