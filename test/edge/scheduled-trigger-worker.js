/**
 * Test-only Worker that fires the Corridor Worker's `scheduled` handler, since `workerd serve`
 * has no endpoint for it. It calls `scheduled()` on a service binding (workerd's experimental
 * `service_binding_extra_handlers` flag), the way the runtime delivers a cron trigger. It is in
 * no bundle: only the edge tests' workerd config loads it, on a loopback port of its own.
 *
 * POST /scheduled?cron=<expression> → 200 {"outcome": "ok" | "exception" | …, "noRetry": boolean}
 */
/* global Response, URL -- Workers runtime globals */
export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    if (request.method !== 'POST' || url.pathname !== '/scheduled') return new Response('POST /scheduled?cron=…\n', { status: 404 })
    const cron = url.searchParams.get('cron')
    if (!cron) return new Response('the cron query parameter is required\n', { status: 400 })
    const result = await env.CORRIDOR.scheduled({ cron, scheduledTime: new Date() })
    return Response.json({ outcome: result.outcome, noRetry: result.noRetry })
  },
}
