package dev.keymint.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 from a chosen local address: Java's HttpClient cannot bind one, and a source-aware
 * lockout is tested best through real, distinct client addresses. On Linux every 127.0.0.0/8
 * address is the loopback interface, so 127.0.0.2, 127.0.0.3, ... are distinct sources to the
 * server without any setup. One request per connection ({@code Connection: close}).
 */
public final class SourceHttp {

    private final InetAddress local;
    private final int port;

    private SourceHttp(InetAddress local, int port) {
        this.local = local;
        this.port = port;
    }

    /** Requests from {@code 127.0.0.<lastOctet>}. */
    public static SourceHttp from(int lastOctet, int port) {
        try {
            return new SourceHttp(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}), port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client-credentials token request with HTTP Basic, as {@link Http#token} sends it. */
    public Http.Response token(String clientId, String secret, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", Http.basic(clientId, secret)));
        all.addAll(List.of(headers));
        return post("/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
                all.toArray(String[]::new));
    }

    /** A POST with the given content type and body, and header name-value pairs. */
    public Http.Response post(String path, String contentType, String body, String... headers) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Http.Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        HttpHeaders httpHeaders = HttpHeaders.of(headers, (name, value) -> true);
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (httpHeaders.firstValue("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Http.Response(status, httpHeaders, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }
}
