import * as https from "node:https";
import * as tls from "node:tls";

/** A response from the container's HTTPS server. */
export interface Reply {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
}

/**
 * One HTTPS request to 127.0.0.1:`port`, verifying the server's certificate against `ca` for the
 * name `localhost` (the certificate the container made at start).
 */
export function request(
    port: number,
    ca: string,
    pathName: string,
    options: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {},
): Promise<Reply> {
    return new Promise((resolve, reject) => {
        const req = https.request(
            {
                host: "127.0.0.1",
                port,
                path: pathName,
                method: options.method ?? "GET",
                ca,
                servername: "localhost",
                headers: options.headers,
                timeout: 60000,
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (chunk: Buffer) => chunks.push(chunk));
                res.on("end", () =>
                    resolve({
                        status: res.statusCode ?? 0,
                        headers: res.headers,
                        body: Buffer.concat(chunks).toString("utf8"),
                    }),
                );
            },
        );
        req.on("error", reject);
        req.on("timeout", () => req.destroy(new Error(`${pathName}: timed out`)));
        req.end(options.body);
    });
}

/** A multipart/form-data body with one file field. */
export function multipartFile(
    field: string,
    fileName: string,
    content: Buffer,
): { body: Buffer; contentType: string } {
    const boundary = `----test${Date.now()}`;
    const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return {
        body: Buffer.concat([head, content, tail]),
        contentType: `multipart/form-data; boundary=${boundary}`,
    };
}

/** The certificate the server presents, with how the TLS handshake went. */
export function peerCertificate(
    port: number,
    ca: string,
): Promise<{ authorized: boolean; protocol: string; certificate: tls.PeerCertificate }> {
    return new Promise((resolve, reject) => {
        const socket = tls.connect({ host: "127.0.0.1", port, ca, servername: "localhost" }, () => {
            resolve({
                authorized: socket.authorized,
                protocol: socket.getProtocol() ?? "",
                certificate: socket.getPeerCertificate(),
            });
            socket.end();
        });
        socket.on("error", reject);
    });
}
