// Runs once when a web server process starts (Next calls register() per runtime). The Node.js
// server checks its settings before it serves anything: lib/server/check-startup.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkWebStartup } = await import('@/lib/server/check-startup');
    checkWebStartup();
    // the client's address for throttles and audit entries (lib/base/client-address.ts)
    const { stampPeerAddresses } = await import('@/lib/server/peer-address');
    stampPeerAddresses();
  }
}
