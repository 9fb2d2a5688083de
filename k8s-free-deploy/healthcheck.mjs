// The container healthcheck: GET /health/live on this container's own port. The runtime image has no curl, and
// Node is already there. Liveness never depends on IB Gateway, so the nightly gateway restart does not make
// hydra unhealthy. /health/live needs no token, so no secret is read here.
// Exit 0 healthy, 1 unhealthy (Docker reserves 2).
const port = Number(process.env.HYDRA_PORT || 8080);
try {
  const res = await fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) {
    console.log(`unhealthy: /health/live answered ${res.status}`);
    process.exit(1);
  }
  console.log('healthy');
  process.exit(0);
} catch (err) {
  console.log(`unhealthy: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
