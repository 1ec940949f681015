// Node's implementations of the dispatcher's network dependencies: DNS lookup, an HTTP client that connects only to
// addresses the guard approved (closing the DNS-rebinding window), and nodemailer's SMTP transport.
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { createTransport } from 'nodemailer';
import { checkHost, parseIp, type AddressAllowance, type Lookup } from './addressGuard';
import type { DeliveryFetch } from './attempt';
import type { SmtpTransportFactory } from './email';

/** Every address the system resolver gives, in its order (verbatim: IPv6 is not hidden behind IPv4). */
export const nodeLookup: Lookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * A fetch for deliveries whose sockets resolve their host through the address guard: the addresses checked are the
 * addresses connected to, so a name cannot pass the check as public and connect as private. Never follows redirects
 * (like redirect: 'manual'). Literal IPs skip DNS and are checked by the caller before the request.
 */
export function createGuardedFetch(options: { lookup?: Lookup; allow: AddressAllowance }): DeliveryFetch {
  const resolve = options.lookup ?? nodeLookup;
  const guardedLookup = ((hostname: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    checkHost(hostname, { lookup: resolve, allow: options.allow }).then(
      (result) => {
        if (!result.ok) callback(Object.assign(new Error(result.message), { code: result.reason === 'refused' ? 'EADDRREFUSED' : 'ENOTFOUND' }));
        else if (lookupOptions.all) callback(null, result.addresses);
        else callback(null, result.addresses[0]!.address, result.addresses[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;

  return (url, init) =>
    new Promise<Response>((fulfil, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const headers = new Headers(init.headers);
      const body = typeof init.body === 'string' ? init.body : '';
      headers.set('content-length', String(Buffer.byteLength(body)));
      const request = client.request(
        target,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers),
          lookup: guardedLookup,
          signal: init.signal ?? undefined,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
          }
          // The Response constructor refuses a body on these statuses.
          const stream = [101, 204, 205, 304].includes(status) ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
          if (!stream) res.resume();
          fulfil(new Response(stream, { status, headers: responseHeaders }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** nodemailer's SMTP transport for one attempt, connecting to the approved address and verifying TLS for the name. */
export const nodemailerTransport: SmtpTransportFactory = (c) => {
  const transport = createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    requireTLS: c.requireTLS,
    // SNI and certificate checks are for the name; an IP-literal destination has no name to check against.
    ...(parseIp(c.servername) ? {} : { servername: c.servername }),
    ...(c.auth ? { auth: { user: c.auth.user, pass: c.auth.pass } } : {}),
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
    // The message is ours, text and HTML strings only: nothing in it may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return { sendMail: (mail) => transport.sendMail(mail), close: () => transport.close() };
};
