package dev.smtpdoctor.http;

import dev.smtpdoctor.model.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP/1.1 of {@link SocketHttpFetcher}: the GET request it writes and a bounded reader for the
 * response (status line, headers within {@value #MAX_HEADER_BYTES} bytes, a Content-Length, chunked or
 * read-to-close body cut at the caller's limit), every read under the fetch's deadline. RFC 9112.
 */
final class Http11 {

    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** A response as far as discovery needs it. */
    record Response(int status, String location, byte[] body) {
    }

    private Http11() {
    }

    static String request(URI uri, String host, int port, boolean https) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = port == (https ? 443 : 80) ? host : host + ":" + port;
        return "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: smtp-doctor\r\n"
                + "Accept: application/xml, text/xml\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
    }

    static Response read(DeadlineInput in, int maxBytes) throws IOException {
        String statusLine = in.line(MAX_HEADER_BYTES);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new MalformedException("not an HTTP/1.x status line");
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        int headerBytes = statusLine.length();
        for (String line = in.line(MAX_HEADER_BYTES); !line.isEmpty(); line = in.line(MAX_HEADER_BYTES)) {
            headerBytes += line.length() + 2;
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedException("headers too long");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedException("bad Content-Length");
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                default -> {
                }
            }
        }
        if (status != 200) {
            return new Response(status, location, new byte[0]);
        }
        byte[] body;
        if (chunked) {
            body = in.chunked(maxBytes);
        } else if (contentLength >= 0) {
            if (contentLength > maxBytes) {
                throw new TooLargeException();
            }
            body = in.exactly((int) contentLength);
        } else {
            body = in.untilClose(maxBytes);
        }
        return new Response(status, location, body);
    }

    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("too large", null);
        }
    }

    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message, null);
        }
    }

    /** Reads with the socket timeout set to what is left of the deadline before every read. */
    static final class DeadlineInput {
        private final Socket socket;
        private final InputStream in;
        private final Deadline deadline;

        DeadlineInput(Socket socket, Deadline deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(deadline.socketTimeoutMillis());
            int n = in.read(b, off, len);
            if (deadline.expired()) {
                throw new SocketTimeoutException("deadline");
            }
            return n;
        }

        private int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        /** A line without its CRLF (a bare LF is accepted), ISO-8859-1. */
        String line(int max) throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = read();
                if (c < 0) {
                    throw new MalformedException("connection closed in the headers");
                }
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                if (sb.length() >= max) {
                    throw new MalformedException("header line too long");
                }
                sb.append((char) c);
            }
        }

        byte[] exactly(int n) throws IOException {
            byte[] b = new byte[n];
            int off = 0;
            while (off < n) {
                int r = read(b, off, n - off);
                if (r < 0) {
                    throw new MalformedException("body shorter than Content-Length");
                }
                off += r;
            }
            return b;
        }

        byte[] untilClose(int max) throws IOException {
            byte[] b = new byte[Math.min(max + 1, 8192)];
            int off = 0;
            while (true) {
                if (off == b.length) {
                    if (b.length > max) {
                        throw new TooLargeException();
                    }
                    b = java.util.Arrays.copyOf(b, Math.min(max + 1, b.length * 2));
                }
                int r = read(b, off, b.length - off);
                if (r < 0) {
                    return java.util.Arrays.copyOf(b, off);
                }
                off += r;
                if (off > max) {
                    throw new TooLargeException();
                }
            }
        }

        byte[] chunked(int max) throws IOException {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(1024);
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new MalformedException("bad chunk size");
                }
                if (size == 0) {
                    return out.toByteArray(); // trailers are not read: Connection: close
                }
                if (size < 0 || out.size() + size > max) {
                    throw new TooLargeException();
                }
                out.write(exactly((int) size));
                line(16);
            }
        }
    }
}
