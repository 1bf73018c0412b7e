import type { OpenApiDocument } from "@/lib/api/openapi";

export type ParamView = { name: string; in: "path" | "query"; required: boolean; description: string; example?: string };
export type ResponseView = { status: string; description: string; schema?: string; headers?: string[] };
export type OperationView = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  tag: string;
  secured: boolean;
  params: ParamView[];
  body?: { contentType: string; schema: string; example?: string };
  responses: ResponseView[];
};
export type TagView = { name: string; description?: string; operations: OperationView[] };

type Schema = Record<string, unknown>;

/** Replaces `#/components/schemas/X` references with the schema, so the page shows each shape in full. */
function inline(schema: unknown, components: Record<string, Schema>, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, components, depth));
  if (!schema || typeof schema !== "object") return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/") && depth < 4) return inline(components[ref.slice(21)], components, depth + 1);
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v, components, depth)]));
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** The reference page's view of the OpenAPI document: operations grouped by tag, schemas as formatted JSON. */
export function toTagViews(doc: OpenApiDocument): TagView[] {
  const components = ((doc.components as { schemas?: Record<string, Schema> })?.schemas ?? {}) as Record<string, Schema>;
  const tags = new Map<string, TagView>();
  for (const t of (doc.tags as { name: string; description?: string }[]) ?? []) tags.set(t.name, { ...t, operations: [] });
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        operationId: string;
        summary: string;
        description?: string;
        tags: string[];
        security: unknown[];
        parameters: { name: string; in: "path" | "query"; required?: boolean; description?: string; example?: unknown }[];
        requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
        responses: Record<string, { description: string; content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }>;
      };
      const [contentType, media] = op.requestBody ? Object.entries(op.requestBody.content)[0] : [];
      const view: OperationView = {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description,
        tag: op.tags[0],
        secured: op.security.length > 0,
        params: op.parameters.map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), description: p.description ?? "", example: p.example === undefined ? undefined : String(p.example) })),
        body: contentType && media ? { contentType, schema: pretty(inline(media.schema, components)), example: media.example === undefined ? undefined : pretty(media.example) } : undefined,
        responses: Object.entries(op.responses).map(([status, r]) => ({
          status,
          description: r.description,
          schema: r.content ? pretty(inline(Object.values(r.content)[0].schema, components)) : undefined,
          headers: r.headers ? Object.keys(r.headers) : undefined,
        })),
      };
      const tag = tags.get(view.tag) ?? { name: view.tag, operations: [] };
      tag.operations.push(view);
      tags.set(view.tag, tag);
    }
  }
  return [...tags.values()].filter((t) => t.operations.length > 0);
}
