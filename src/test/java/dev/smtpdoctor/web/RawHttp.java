package dev.smtpdoctor.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand, so a test can send what a browser never would (another Host, no token, a huge body) and
 * see every byte of the answer. One request per connection ({@code Connection: close}); chunked bodies are
 * joined. Loopback only; every read has a 30 s timeout.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body, String raw) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    static Response get(int port, String path, Map<String, String> headers) throws IOException {
        return send(port, "GET", path, headers, null);
    }

    static Response post(int port, String path, Map<String, String> headers, String body) throws IOException {
        return send(port, "POST", path, headers, body);
    }

    static Response send(int port, String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Host", "127.0.0.1:" + port);
            h.putAll(headers);
            byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null && !h.containsKey("Content-Length") && !h.containsKey("Transfer-Encoding")) {
                h.put("Content-Length", String.valueOf(b.length));
            }
            h.put("Connection", "close");
            h.forEach((k, v) -> {
                if (v != null) {
                    req.append(k).append(": ").append(v).append("\r\n");
                }
            });
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(b);
                out.flush();
            } catch (IOException e) {
                // The server may refuse before reading the body; its answer is still there to read.
            }
            return parse(readAll(s.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        try {
            while ((n = in.read(chunk)) > 0 && buf.size() < 16 * 1024 * 1024) {
                buf.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            // A reset after the answer: keep what came.
        }
        return buf.toByteArray();
    }

    private static Response parse(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Response(-1, Map.of(), "", raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, raw);
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < b.length) {
            int eol = indexOf(b, i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(new String(b, i, eol - i, StandardCharsets.US_ASCII).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(new String(b, eol + 2, Math.min(size, b.length - eol - 2), StandardCharsets.UTF_8));
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
